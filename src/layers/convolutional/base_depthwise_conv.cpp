#include "keras/layers/convolutional/base_depthwise_conv.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseDepthwiseConvImpl::BaseDepthwiseConvImpl(int rank, std::string class_name,
                                             const IntTuple& kernel_size,
                                             DepthwiseConvOptions options)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            to_snake_case(class_name)),
      rank_(rank),
      class_name_(std::move(class_name)),
      options_(std::move(options)) {
  const std::string who = detail::conv_owner(*this);
  const auto g = detail::standardize_geometry(rank, kernel_size, options_.strides,
                                              options_.dilation_rate, options_.padding,
                                              /*allow_causal=*/false, options_.data_format, who);
  kernel_size_ = g.kernel_size;
  strides_ = g.strides;
  dilation_rate_ = g.dilation_rate;
  padding_ = g.padding;
  data_format_ = g.data_format;
  input_spec = {detail::conv_input_spec(g)};
  detail::check_positive(options_.depth_multiplier, "depth_multiplier", who);
}

void BaseDepthwiseConvImpl::build(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  input_spec = {detail::conv_input_spec(g, channels)};
  compute_output_shape(input_shape);
  std::vector<std::int64_t> kernel_shape = kernel_size_;
  kernel_shape.push_back(channels);
  kernel_shape.push_back(depth_multiplier());
  kernel_ = add_weight({.shape = Shape(kernel_shape),
                        .initializer = options_.depthwise_initializer,
                        .regularizer = options_.depthwise_regularizer,
                        .constraint = options_.depthwise_constraint,
                        .name = "kernel"});
  if (options_.use_bias)
    bias_ = add_weight({.shape = {channels * depth_multiplier()},
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
}

Tensor BaseDepthwiseConvImpl::call(const Tensor& inputs, bool) {
  Tensor y = ops::depthwise_conv(inputs, kernel_.value(),
                                 {.strides = strides_,
                                  .padding = padding_,
                                  .data_format = data_format_,
                                  .dilation_rate = dilation_rate_});
  if (options_.use_bias) y = detail::add_channel_bias(y, bias_.value(), detail::geometry_of(*this));
  return options_.activation(y);
}

Shape BaseDepthwiseConvImpl::compute_output_shape(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  return detail::conv_output_shape(*this, input_shape, channels * depth_multiplier(), g);
}

ConfigValue BaseDepthwiseConvImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["depth_multiplier"] = depth_multiplier();
  c["kernel_size"] = ConfigValue::list_of(kernel_size_);
  c["strides"] = ConfigValue::list_of(strides_);
  c["padding"] = padding_;
  c["data_format"] = data_format_;
  c["dilation_rate"] = ConfigValue::list_of(dilation_rate_);
  c["activation"] = options_.activation.name();
  c["use_bias"] = options_.use_bias;
  c["depthwise_initializer"] = serialize_initializer(options_.depthwise_initializer);
  c["bias_initializer"] = serialize_initializer(options_.bias_initializer);
  c["depthwise_regularizer"] = serialize_regularizer(options_.depthwise_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options_.bias_regularizer);
  c["activity_regularizer"] = detail::activity_regularizer_config(*this);
  c["depthwise_constraint"] = serialize_constraint(options_.depthwise_constraint);
  c["bias_constraint"] = serialize_constraint(options_.bias_constraint);
  return c;
}

namespace detail {

ConvArgs<DepthwiseConvOptions> read_depthwise_conv_config(const ConfigValue& config,
                                                          const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  ConvArgs<DepthwiseConvOptions> a;
  DepthwiseConvOptions& o = a.options;
  read_conv_common(r, o);
  a.kernel_size = read_int_tuple(r, "kernel_size");
  o.depth_multiplier = r.integer("depth_multiplier", 1);
  read_unit_groups(r);
  if (r.present("depthwise_initializer"))
    o.depthwise_initializer = read_initializer(r.raw("depthwise_initializer"), "glorot_uniform");
  o.depthwise_regularizer = read_regularizer(r.raw("depthwise_regularizer"));
  o.depthwise_constraint = read_constraint(r.raw("depthwise_constraint"));
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
