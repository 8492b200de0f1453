#pragma once
// The base of Conv1DTranspose, Conv2DTranspose and Conv3DTranspose (Keras's BaseConvTranspose):
// `activation(conv_transpose(inputs, kernel) + bias)`, the gradient of a convolution with
// respect to its input, with a kernel of shape kernel_size + (filters, input_channels).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/activations/activations.hpp"
#include "keras/layers/convolutional/conv_layer.hpp"
#include "keras/layers/int_tuple.hpp"

namespace keras::layers {

// Keras's keyword arguments of Conv1DTranspose / Conv2DTranspose / Conv3DTranspose.
struct ConvTransposeOptions {
  IntTuple strides = 1;
  std::string padding = "valid";  // or "same"
  // Extra size added to one side of each output dim, each < its stride; empty (None): inferred.
  IntTuple output_padding{};
  std::string data_format{};   // empty: keras::config::image_data_format()
  IntTuple dilation_rate = 1;  // > 1 excludes strides > 1
  activations::Spec activation{};
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

class BaseConvTransposeImpl : public ConvLayer {
 public:
  BaseConvTransposeImpl(int rank, std::string class_name, std::int64_t filters,
                        const IntTuple& kernel_size, ConvTransposeOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  std::int64_t filters() const { return filters_; }
  const std::optional<std::vector<std::int64_t>>& output_padding() const { return output_padding_; }
  const Variable& kernel() const { return kernel_; }

 private:
  std::int64_t filters_;
  std::optional<std::vector<std::int64_t>> output_padding_;
  ConvTransposeOptions options_;
  Variable kernel_;
};

}  // namespace keras::layers
