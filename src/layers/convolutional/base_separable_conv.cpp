#include "keras/layers/convolutional/base_separable_conv.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseSeparableConvImpl::BaseSeparableConvImpl(int rank, std::string class_name, std::int64_t filters,
                                             const IntTuple& kernel_size,
                                             SeparableConvOptions options)
    : ConvLayer(rank, std::move(class_name), kernel_size, ConvSharedOptions::of(options),
                /*allow_causal=*/false),
      filters_(filters),
      options_(std::move(options)) {
  detail::check_positive(options_.depth_multiplier, "depth_multiplier", owner());
  detail::check_positive(filters, "filters", owner());
}

void BaseSeparableConvImpl::build(const Shape& input_shape) {
  const std::int64_t channels = build_input_channels(input_shape);
  compute_output_shape(input_shape);
  depthwise_kernel_ =
      add_weight({.shape = detail::kernel_shape(kernel_size(), channels, depth_multiplier()),
                  .initializer = options_.depthwise_initializer,
                  .regularizer = options_.depthwise_regularizer,
                  .constraint = options_.depthwise_constraint,
                  .name = "depthwise_kernel"});
  // A 1-wide kernel in every spatial dim: it mixes channels only.
  const std::vector<std::int64_t> ones(kernel_size().size(), 1);
  pointwise_kernel_ =
      add_weight({.shape = detail::kernel_shape(ones, channels * depth_multiplier(), filters_),
                  .initializer = options_.pointwise_initializer,
                  .regularizer = options_.pointwise_regularizer,
                  .constraint = options_.pointwise_constraint,
                  .name = "pointwise_kernel"});
  add_bias(filters_);
}

Tensor BaseSeparableConvImpl::call(const Tensor& inputs, bool) {
  return bias_and_activation(ops::separable_conv(inputs, depthwise_kernel_.value(),
                                                 pointwise_kernel_.value(),
                                                 {.strides = strides(),
                                                  .padding = padding(),
                                                  .data_format = data_format(),
                                                  .dilation_rate = dilation_rate()}));
}

Shape BaseSeparableConvImpl::compute_output_shape(const Shape& input_shape) {
  return detail::conv_output_shape(*this, input_shape, filters_, detail::geometry_of(*this));
}

ConfigValue BaseSeparableConvImpl::get_config() const {
  return conv_config({{"depth_multiplier", depth_multiplier()}, {"filters", filters_}}, {}, {},
                     {{"depthwise", options_.depthwise_initializer, options_.depthwise_regularizer,
                       options_.depthwise_constraint},
                      {"pointwise", options_.pointwise_initializer, options_.pointwise_regularizer,
                       options_.pointwise_constraint}});
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
  read_weight_args(r, "depthwise", o.depthwise_initializer, o.depthwise_regularizer,
                   o.depthwise_constraint);
  read_weight_args(r, "pointwise", o.pointwise_initializer, o.pointwise_regularizer,
                   o.pointwise_constraint);
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
