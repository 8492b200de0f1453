#pragma once
// keras.layers.Dense: `activation(inputs @ kernel + bias)` on the last axis.
#include "keras/activations/activations.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct DenseOptions {
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

class DenseImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = DenseOptions;
  DenseImpl(std::int64_t units, DenseOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Dense"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t units() const { return units_; }
  const Variable& kernel() const { return kernel_; }
  const Variable& bias() const { return bias_; }  // undefined without use_bias

 private:
  std::int64_t units_;
  DenseOptions options_;
  Variable kernel_, bias_;
};

KERAS_LAYER(Dense);

}  // namespace keras::layers
