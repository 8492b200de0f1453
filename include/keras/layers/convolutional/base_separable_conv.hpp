#pragma once
// The base of SeparableConv1D and SeparableConv2D (Keras's BaseSeparableConv): a depthwise
// convolution (kernel_size + (input_channels, depth_multiplier)) followed by a pointwise one
// ((1, ...) + (input_channels * depth_multiplier, filters)), then bias and activation.
#include <cstdint>
#include <string>

#include "keras/activations/activations.hpp"
#include "keras/layers/convolutional/conv_layer.hpp"
#include "keras/layers/int_tuple.hpp"

namespace keras::layers {

// Keras's keyword arguments of SeparableConv1D / SeparableConv2D.
struct SeparableConvOptions {
  IntTuple strides = 1;
  std::string padding = "valid";  // or "same"
  std::string data_format{};      // empty: keras::config::image_data_format()
  IntTuple dilation_rate = 1;
  std::int64_t depth_multiplier = 1;
  activations::Spec activation{};
  bool use_bias = true;
  initializers::Spec depthwise_initializer = "glorot_uniform";
  initializers::Spec pointwise_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec depthwise_regularizer{};
  regularizers::Spec pointwise_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};
  constraints::Spec depthwise_constraint{};
  constraints::Spec pointwise_constraint{};
  constraints::Spec bias_constraint{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BaseSeparableConvImpl : public ConvLayer {
 public:
  BaseSeparableConvImpl(int rank, std::string class_name, std::int64_t filters,
                        const IntTuple& kernel_size, SeparableConvOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  std::int64_t filters() const { return filters_; }
  std::int64_t depth_multiplier() const { return options_.depth_multiplier; }
  const Variable& depthwise_kernel() const { return depthwise_kernel_; }
  const Variable& pointwise_kernel() const { return pointwise_kernel_; }

 private:
  std::int64_t filters_;
  SeparableConvOptions options_;
  Variable depthwise_kernel_, pointwise_kernel_;
};

}  // namespace keras::layers
