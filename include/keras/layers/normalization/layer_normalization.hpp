#pragma once
// keras.layers.LayerNormalization: normalizes each sample over `axis` (one axis or several),
// then scales by gamma and shifts by beta (both shaped as the normalized axes).
#include "keras/core/ops/axes.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct LayerNormalizationOptions {
  ops::Axes axis = -1;  // one axis, or several: {1, 2}
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  // Deprecated in Keras 3 (which warns): x * rsqrt(variance + epsilon) * gamma, no mean
  // subtraction and no beta.
  bool rms_scaling = false;
  initializers::Spec beta_initializer = "zeros";
  initializers::Spec gamma_initializer = "ones";
  regularizers::Spec beta_regularizer{};
  regularizers::Spec gamma_regularizer{};
  constraints::Spec beta_constraint{};
  constraints::Spec gamma_constraint{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class LayerNormalizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerNormalizationOptions;
  explicit LayerNormalizationImpl(LayerNormalizationOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "LayerNormalization"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const Variable& gamma() const { return gamma_; }  // undefined without scale or rms_scaling
  const Variable& beta() const { return beta_; }    // undefined without center (or with rms)

 private:
  LayerNormalizationOptions options_;
  // As Keras: sorted in build (negative axes first, as Python sorts them).
  std::vector<int> axes_;
  Variable gamma_, beta_;
};

KERAS_LAYER(LayerNormalization);

}  // namespace keras::layers
