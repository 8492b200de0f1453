#pragma once
// The base of Conv1D, Conv2D and Conv3D (Keras's BaseConv): `activation(conv(inputs, kernel) +
// bias)` with a kernel of shape kernel_size + (input_channels / groups, filters).
#include <cstdint>
#include <string>
#include <vector>

#include "keras/activations/activations.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

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

class BaseConvImpl : public Layer {
 public:
  // `rank`: the number of spatial dims; `class_name`: the Keras class ("Conv2D").
  BaseConvImpl(int rank, std::string class_name, std::int64_t filters, const IntTuple& kernel_size,
               ConvOptions options);
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return class_name_; }

  int rank() const { return rank_; }
  std::int64_t filters() const { return filters_; }
  const std::vector<std::int64_t>& kernel_size() const { return kernel_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }
  const std::vector<std::int64_t>& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  std::int64_t groups() const { return options_.groups; }
  const Variable& kernel() const { return kernel_; }
  const Variable& bias() const { return bias_; }  // undefined without use_bias

 private:
  std::string owner() const;

  int rank_;
  std::string class_name_;
  std::int64_t filters_;
  std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  ConvOptions options_;
  Variable kernel_, bias_;
};

}  // namespace keras::layers
