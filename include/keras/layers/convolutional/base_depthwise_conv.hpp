#pragma once
// The base of DepthwiseConv1D and DepthwiseConv2D (Keras's BaseDepthwiseConv): each input
// channel convolved with its own `depth_multiplier` filters, a kernel of shape kernel_size +
// (input_channels, depth_multiplier), then bias and activation.
#include <cstdint>
#include <string>

#include "keras/activations/activations.hpp"
#include "keras/layers/convolutional/conv_layer.hpp"
#include "keras/layers/int_tuple.hpp"

namespace keras::layers {

// Keras's keyword arguments of DepthwiseConv1D / DepthwiseConv2D.
struct DepthwiseConvOptions {
  IntTuple strides = 1;
  std::string padding = "valid";  // or "same"
  std::int64_t depth_multiplier = 1;
  std::string data_format{};  // empty: keras::config::image_data_format()
  IntTuple dilation_rate = 1;
  activations::Spec activation{};
  bool use_bias = true;
  initializers::Spec depthwise_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec depthwise_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};
  constraints::Spec depthwise_constraint{};
  constraints::Spec bias_constraint{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BaseDepthwiseConvImpl : public ConvLayer {
 public:
  BaseDepthwiseConvImpl(int rank, std::string class_name, const IntTuple& kernel_size,
                        DepthwiseConvOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  std::int64_t depth_multiplier() const { return options_.depth_multiplier; }
  // Keras 3 names it "kernel" (Keras 2 had "depthwise_kernel").
  const Variable& kernel() const { return kernel_; }

 private:
  DepthwiseConvOptions options_;
  Variable kernel_;
};

}  // namespace keras::layers
