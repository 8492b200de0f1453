#include "keras/layers/convolutional/base_conv.hpp"

#include <typeinfo>

#include "keras/core/ops.hpp"
#include "keras/layers/convolutional/conv1d.hpp"
#include "keras/layers/convolutional/conv2d.hpp"
#include "keras/layers/convolutional/conv3d.hpp"
#include "keras/layers/normalization/batch_normalization.hpp"
#include "keras/layers/pooling/max_pooling2d.hpp"
#include "src/core/ops/conv_fused.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseConvImpl::BaseConvImpl(int rank, std::string class_name, std::int64_t filters,
                           const IntTuple& kernel_size, ConvOptions options)
    : ConvLayer(rank, std::move(class_name), kernel_size, ConvSharedOptions::of(options),
                /*allow_causal=*/rank == 1),
      filters_(filters),
      options_(std::move(options)) {
  detail::check_positive(filters, "filters", owner());
  const std::int64_t groups = options_.groups;
  if (groups <= 0)
    throw ValueError(owner() +
                     ": The number of groups must be a positive integer. Received: groups=" +
                     std::to_string(groups) + ".");
  if (filters % groups != 0)
    throw ValueError(owner() +
                     ": The number of filters must be evenly divisible by the number of groups. "
                     "Received: groups=" +
                     std::to_string(groups) + ", filters=" + std::to_string(filters) + ".");
  detail::check_strides_with_dilation(detail::geometry_of(*this), owner());
}

void BaseConvImpl::build(const Shape& input_shape) {
  const std::int64_t channels = build_input_channels(input_shape);
  if (channels % groups() != 0)
    throw ValueError(owner() +
                     ": The number of input channels must be evenly divisible by the number of "
                     "groups. Received groups=" +
                     std::to_string(groups()) + ", but the input has " + std::to_string(channels) +
                     " channels (full input shape is " + input_shape.to_string() + ").");
  // Checks that every output dim is positive before any weight exists, as Keras does.
  compute_output_shape(input_shape);
  kernel_ = add_weight({.shape = detail::kernel_shape(kernel_size(), channels / groups(), filters_),
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint,
                        .name = "kernel"});
  add_bias(filters_);
}

namespace {
// The layer's strides, padding, data format and dilation as the conv op takes them.
ops::ConvOptions conv_options(const BaseConvImpl& layer) {
  return {.strides = layer.strides(),
          .padding = layer.padding(),
          .data_format = layer.data_format(),
          .dilation_rate = layer.dilation_rate()};
}
}  // namespace

Tensor BaseConvImpl::call(const Tensor& inputs, bool) {
  const ops::ConvOptions options = conv_options(*this);
  // A relu or linear activation runs with the bias in the convolution's own pass over its
  // output (one kernel instead of three ops; the same values and gradients).
  const std::string& act = activation().name();
  if (act == "relu" || act == "linear") {
    const Tensor b = use_bias() ? bias().value() : Tensor();
    return ops::detail::conv_bias_relu(inputs, kernel_.value(), use_bias() ? &b : nullptr,
                                       act == "relu", options);
  }
  return bias_and_activation(ops::conv(inputs, kernel_.value(), options));
}

Tensor BaseConvImpl::call_fused(const Tensor& inputs, Layer& next) {
  // The library's own classes only: a subclass may override call(), which fusing would skip.
  const std::type_info& self = typeid(*this);
  if (self != typeid(Conv1DImpl) && self != typeid(Conv2DImpl) && self != typeid(Conv3DImpl))
    return {};
  if (typeid(next) == typeid(BatchNormalizationImpl))
    return fold_batch_normalization(inputs, static_cast<const BatchNormalizationImpl&>(next));
  const auto* pool = typeid(next) == typeid(MaxPooling2DImpl)
                         ? static_cast<const BasePoolingImpl*>(&next)
                         : nullptr;
  const std::string& act = activation().name();
  const std::vector<std::int64_t> two{2, 2};
  if (!pool || pool->pool_size() != two || pool->strides() != two || pool->padding() != "valid" ||
      rank() != 2 || groups() != 1 || data_format() != "channels_last" ||
      pool->data_format() != "channels_last" || (act != "relu" && act != "linear"))
    return {};
  next.compute_output_shape(compute_output_shape(inputs.shape()));  // the two layers' errors
  const ops::ConvOptions options = conv_options(*this);
  const Tensor b = use_bias() ? bias().value() : Tensor();
  return ops::detail::conv_bias_relu_max_pool(inputs, kernel_.value(), use_bias() ? &b : nullptr,
                                              act == "relu", options);
}

Tensor BaseConvImpl::fold_batch_normalization(const Tensor& inputs,
                                              const BatchNormalizationImpl& bn) {
  const Tensor& kernel = kernel_.value();
  const DType dtype = kernel.dtype();
  const int out_rank = rank() + 2;
  const bool last_axis = bn.axis() == -1 || bn.axis() == out_rank - 1;
  if (activation().name() != "linear" || data_format() != "channels_last" || !last_axis ||
      inputs.dtype() != dtype || (dtype != DType::float32 && dtype != DType::float64))
    return {};
  const auto [scale, shift] = bn.inference_scale_shift(dtype);
  if (!scale.defined()) return {};
  // (conv(x, w) + b) * scale + shift = conv(x, w * scale) + (b * scale + shift), per output
  // channel (the kernel's last axis).
  const Tensor bias_folded =
      use_bias() ? ops::add(ops::multiply(bias().value(), scale), shift) : shift;
  const ops::ConvOptions options = conv_options(*this);
  return ops::detail::conv_bias_relu(inputs, ops::multiply(kernel, scale), &bias_folded, false,
                                     options);
}

Shape BaseConvImpl::compute_output_shape(const Shape& input_shape) {
  return detail::conv_output_shape(*this, input_shape, filters_, detail::geometry_of(*this));
}

ConfigValue BaseConvImpl::get_config() const {
  return conv_config({{"filters", filters_}}, {}, {{"groups", groups()}},
                     {{"kernel", options_.kernel_initializer, options_.kernel_regularizer,
                       options_.kernel_constraint}});
}

namespace detail {

ConvArgs<ConvOptions> read_conv_config(const ConfigValue& config, const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  ConvArgs<ConvOptions> a;
  ConvOptions& o = a.options;
  read_conv_common(r, o);
  a.filters = r.required_integer("filters");
  a.kernel_size = read_int_tuple(r, "kernel_size");
  o.groups = r.integer("groups", 1);
  read_weight_args(r, "kernel", o.kernel_initializer, o.kernel_regularizer, o.kernel_constraint);
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
