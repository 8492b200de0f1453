#pragma once
// The base of Conv1D, Conv2D and Conv3D (Keras's BaseConv): `activation(conv(inputs, kernel) +
// bias)` with a kernel of shape kernel_size + (input_channels / groups, filters).
#include <cstdint>
#include <string>

#include "keras/activations/activations.hpp"
#include "keras/layers/convolutional/conv_layer.hpp"
#include "keras/layers/int_tuple.hpp"

namespace keras::layers {

class BatchNormalizationImpl;

// Keras's keyword arguments of Conv1D / Conv2D / Conv3D, with its defaults.
struct ConvOptions {
  IntTuple strides = 1;
  std::string padding = "valid";   // "same"; "causal" for Conv1D only
  std::string data_format{};       // empty: keras::config::image_data_format()
  IntTuple dilation_rate = 1;      // > 1 excludes strides > 1
  std::int64_t groups = 1;         // divides both the input channels and `filters`
  activations::Spec activation{};  // none: linear
  bool use_bias = true;
  initializers::Spec kernel_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec kernel_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};
  constraints::Spec kernel_constraint{};
  constraints::Spec bias_constraint{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BaseConvImpl : public ConvLayer {
 public:
  BaseConvImpl(int rank, std::string class_name, std::int64_t filters, const IntTuple& kernel_size,
               ConvOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  // Conv2D (relu or linear activation, one group, channels_last) followed by MaxPooling2D with
  // 2x2 windows, stride 2 and "valid" padding: one kernel. A convolution without activation
  // followed by BatchNormalization on the channels: the normalization folded into the kernel
  // and bias.
  Tensor call_fused(const Tensor& inputs, Layer& next) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  std::int64_t filters() const { return filters_; }
  std::int64_t groups() const { return options_.groups; }
  const Variable& kernel() const { return kernel_; }

 private:
  std::int64_t filters_;
  ConvOptions options_;
  Tensor fold_batch_normalization(const Tensor& inputs, const BatchNormalizationImpl& bn);
  Variable kernel_;
};

}  // namespace keras::layers
