#include "keras/layers/convolutional/base_depthwise_conv.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseDepthwiseConvImpl::BaseDepthwiseConvImpl(int rank, std::string class_name,
                                             const IntTuple& kernel_size,
                                             DepthwiseConvOptions options)
    : ConvLayer(rank, std::move(class_name), kernel_size, ConvSharedOptions::of(options),
                /*allow_causal=*/false),
      options_(std::move(options)) {
  detail::check_positive(options_.depth_multiplier, "depth_multiplier", owner());
}

void BaseDepthwiseConvImpl::build(const Shape& input_shape) {
  const std::int64_t channels = build_input_channels(input_shape);
  compute_output_shape(input_shape);
  kernel_ = add_weight({.shape = detail::kernel_shape(kernel_size(), channels, depth_multiplier()),
                        .initializer = options_.depthwise_initializer,
                        .regularizer = options_.depthwise_regularizer,
                        .constraint = options_.depthwise_constraint,
                        .name = "kernel"});
  add_bias(channels * depth_multiplier());
}

Tensor BaseDepthwiseConvImpl::call(const Tensor& inputs, bool) {
  return bias_and_activation(ops::depthwise_conv(inputs, kernel_.value(),
                                                 {.strides = strides(),
                                                  .padding = padding(),
                                                  .data_format = data_format(),
                                                  .dilation_rate = dilation_rate()}));
}

Shape BaseDepthwiseConvImpl::compute_output_shape(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  return detail::conv_output_shape(*this, input_shape, channels * depth_multiplier(), g);
}

ConfigValue BaseDepthwiseConvImpl::get_config() const {
  return conv_config({{"depth_multiplier", depth_multiplier()}}, {}, {},
                     {{"depthwise", options_.depthwise_initializer, options_.depthwise_regularizer,
                       options_.depthwise_constraint}});
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
  read_weight_args(r, "depthwise", o.depthwise_initializer, o.depthwise_regularizer,
                   o.depthwise_constraint);
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
