#include "keras/layers/convolutional/base_conv_transpose.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseConvTransposeImpl::BaseConvTransposeImpl(int rank, std::string class_name, std::int64_t filters,
                                             const IntTuple& kernel_size,
                                             ConvTransposeOptions options)
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
  if (!options_.output_padding.empty())
    output_padding_ = standardize_tuple(options_.output_padding, rank, "output_padding", who,
                                        /*allow_zero=*/true);
  input_spec = {detail::conv_input_spec(g)};
  detail::check_positive(filters, "filters", who);
  if (output_padding_)
    for (std::size_t i = 0; i < output_padding_->size(); ++i)
      if ((*output_padding_)[i] >= strides_[i])
        throw ValueError(who +
                         ": `output_padding` must be strictly less than `strides` for all "
                         "dimensions. At dimension " +
                         std::to_string(i) + ", `output_padding` is " +
                         std::to_string((*output_padding_)[i]) + " but `strides` is " +
                         std::to_string(strides_[i]) + ". Received: output_padding=" +
                         tuple_string(*output_padding_) + ", strides=" + tuple_string(strides_));
  detail::check_strides_with_dilation(g, who);
}

void BaseConvTransposeImpl::build(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  input_spec = {detail::conv_input_spec(g, channels)};
  compute_output_shape(input_shape);
  std::vector<std::int64_t> kernel_shape = kernel_size_;
  kernel_shape.push_back(filters_);
  kernel_shape.push_back(channels);
  kernel_ = add_weight({.shape = Shape(kernel_shape),
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint,
                        .name = "kernel"});
  if (options_.use_bias)
    bias_ = add_weight({.shape = {filters_},
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
}

Tensor BaseConvTransposeImpl::call(const Tensor& inputs, bool) {
  Tensor y = ops::conv_transpose(inputs, kernel_.value(),
                                 {.strides = strides_,
                                  .padding = padding_,
                                  .output_padding = output_padding_,
                                  .data_format = data_format_,
                                  .dilation_rate = dilation_rate_});
  if (options_.use_bias) y = detail::add_channel_bias(y, bias_.value(), detail::geometry_of(*this));
  return options_.activation(y);
}

Shape BaseConvTransposeImpl::compute_output_shape(const Shape& input_shape) {
  return detail::conv_transpose_output_shape(*this, input_shape, filters_,
                                             detail::geometry_of(*this), output_padding_);
}

ConfigValue BaseConvTransposeImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["filters"] = filters_;
  c["kernel_size"] = ConfigValue::list_of(kernel_size_);
  c["strides"] = ConfigValue::list_of(strides_);
  c["padding"] = padding_;
  c["output_padding"] = output_padding_ ? ConfigValue::list_of(*output_padding_) : ConfigValue();
  c["data_format"] = data_format_;
  c["dilation_rate"] = ConfigValue::list_of(dilation_rate_);
  c["activation"] = options_.activation.name();
  c["use_bias"] = options_.use_bias;
  c["kernel_initializer"] = serialize_initializer(options_.kernel_initializer);
  c["bias_initializer"] = serialize_initializer(options_.bias_initializer);
  c["kernel_regularizer"] = serialize_regularizer(options_.kernel_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options_.bias_regularizer);
  c["activity_regularizer"] = detail::activity_regularizer_config(*this);
  c["kernel_constraint"] = serialize_constraint(options_.kernel_constraint);
  c["bias_constraint"] = serialize_constraint(options_.bias_constraint);
  return c;
}

namespace detail {

ConvArgs<ConvTransposeOptions> read_conv_transpose_config(const ConfigValue& config,
                                                          const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  ConvArgs<ConvTransposeOptions> a;
  ConvTransposeOptions& o = a.options;
  read_conv_common(r, o);
  a.filters = r.required_integer("filters");
  a.kernel_size = read_int_tuple(r, "kernel_size");
  o.output_padding = read_int_tuple(r, "output_padding", IntTuple());  // null: None
  read_unit_groups(r);
  if (r.present("kernel_initializer"))
    o.kernel_initializer = read_initializer(r.raw("kernel_initializer"), "glorot_uniform");
  o.kernel_regularizer = read_regularizer(r.raw("kernel_regularizer"));
  o.kernel_constraint = read_constraint(r.raw("kernel_constraint"));
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
