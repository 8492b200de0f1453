#include "keras/layers/convolutional/base_separable_conv.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseSeparableConvImpl::BaseSeparableConvImpl(int rank, std::string class_name, std::int64_t filters,
                                             const IntTuple& kernel_size,
                                             SeparableConvOptions options)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            to_snake_case(class_name)),
      rank_(rank),
      class_name_(std::move(class_name)),
      filters_(filters),
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
  detail::check_positive(filters, "filters", who);
}

void BaseSeparableConvImpl::build(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  input_spec = {detail::conv_input_spec(g, channels)};
  compute_output_shape(input_shape);
  std::vector<std::int64_t> depthwise_shape = kernel_size_;
  depthwise_shape.push_back(channels);
  depthwise_shape.push_back(depth_multiplier());
  std::vector<std::int64_t> pointwise_shape(static_cast<std::size_t>(rank_), 1);
  pointwise_shape.push_back(channels * depth_multiplier());
  pointwise_shape.push_back(filters_);
  depthwise_kernel_ = add_weight({.shape = Shape(depthwise_shape),
                                  .initializer = options_.depthwise_initializer,
                                  .regularizer = options_.depthwise_regularizer,
                                  .constraint = options_.depthwise_constraint,
                                  .name = "depthwise_kernel"});
  pointwise_kernel_ = add_weight({.shape = Shape(pointwise_shape),
                                  .initializer = options_.pointwise_initializer,
                                  .regularizer = options_.pointwise_regularizer,
                                  .constraint = options_.pointwise_constraint,
                                  .name = "pointwise_kernel"});
  if (options_.use_bias)
    bias_ = add_weight({.shape = {filters_},
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
}

Tensor BaseSeparableConvImpl::call(const Tensor& inputs, bool) {
  Tensor y = ops::separable_conv(inputs, depthwise_kernel_.value(), pointwise_kernel_.value(),
                                 {.strides = strides_,
                                  .padding = padding_,
                                  .data_format = data_format_,
                                  .dilation_rate = dilation_rate_});
  if (options_.use_bias) y = detail::add_channel_bias(y, bias_.value(), detail::geometry_of(*this));
  return options_.activation(y);
}

Shape BaseSeparableConvImpl::compute_output_shape(const Shape& input_shape) {
  return detail::conv_output_shape(*this, input_shape, filters_, detail::geometry_of(*this));
}

ConfigValue BaseSeparableConvImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["depth_multiplier"] = depth_multiplier();
  c["filters"] = filters_;
  c["kernel_size"] = ConfigValue::list_of(kernel_size_);
  c["strides"] = ConfigValue::list_of(strides_);
  c["padding"] = padding_;
  c["data_format"] = data_format_;
  c["dilation_rate"] = ConfigValue::list_of(dilation_rate_);
  c["activation"] = options_.activation.name();
  c["use_bias"] = options_.use_bias;
  c["depthwise_initializer"] = serialize_initializer(options_.depthwise_initializer);
  c["pointwise_initializer"] = serialize_initializer(options_.pointwise_initializer);
  c["bias_initializer"] = serialize_initializer(options_.bias_initializer);
  c["depthwise_regularizer"] = serialize_regularizer(options_.depthwise_regularizer);
  c["pointwise_regularizer"] = serialize_regularizer(options_.pointwise_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options_.bias_regularizer);
  c["activity_regularizer"] = detail::activity_regularizer_config(*this);
  c["depthwise_constraint"] = serialize_constraint(options_.depthwise_constraint);
  c["pointwise_constraint"] = serialize_constraint(options_.pointwise_constraint);
  c["bias_constraint"] = serialize_constraint(options_.bias_constraint);
  return c;
}

namespace detail {

ConvArgs<SeparableConvOptions> read_separable_conv_config(const ConfigValue& config,
                                                          const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  ConvArgs<SeparableConvOptions> a;
  SeparableConvOptions& o = a.options;
  read_conv_common(r, o);
  a.filters = r.required_integer("filters");
  a.kernel_size = read_int_tuple(r, "kernel_size");
  o.depth_multiplier = r.integer("depth_multiplier", 1);
  read_unit_groups(r);
  if (r.present("depthwise_initializer"))
    o.depthwise_initializer = read_initializer(r.raw("depthwise_initializer"), "glorot_uniform");
  if (r.present("pointwise_initializer"))
    o.pointwise_initializer = read_initializer(r.raw("pointwise_initializer"), "glorot_uniform");
  o.depthwise_regularizer = read_regularizer(r.raw("depthwise_regularizer"));
  o.pointwise_regularizer = read_regularizer(r.raw("pointwise_regularizer"));
  o.depthwise_constraint = read_constraint(r.raw("depthwise_constraint"));
  o.pointwise_constraint = read_constraint(r.raw("pointwise_constraint"));
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
