#pragma once
// The base of DepthwiseConv1D and DepthwiseConv2D (Keras's BaseDepthwiseConv): each input
// channel convolved with its own `depth_multiplier` filters, a kernel of shape kernel_size +
// (input_channels, depth_multiplier), then bias and activation.
#include <cstdint>
#include <string>
#include <vector>

#include "keras/activations/activations.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

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

class BaseDepthwiseConvImpl : public Layer {
 public:
  BaseDepthwiseConvImpl(int rank, std::string class_name, const IntTuple& kernel_size,
                        DepthwiseConvOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return class_name_; }

  int rank() const { return rank_; }
  std::int64_t depth_multiplier() const { return options_.depth_multiplier; }
  const std::vector<std::int64_t>& kernel_size() const { return kernel_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }
  const std::vector<std::int64_t>& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  // Keras 3 names it "kernel" (Keras 2 had "depthwise_kernel").
  const Variable& kernel() const { return kernel_; }
  const Variable& bias() const { return bias_; }  // undefined without use_bias

 private:
  int rank_;
  std::string class_name_;
  std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  DepthwiseConvOptions options_;
  Variable kernel_, bias_;
};

}  // namespace keras::layers
