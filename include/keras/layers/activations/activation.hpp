#pragma once
// keras.layers.Activation: applies an activation function by name or function.
#include "keras/activations/activations.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

class ActivationImpl : public Layer {
 public:
  using Positional = std::tuple<activations::Spec>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit ActivationImpl(activations::Spec activation, LayerOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Activation"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  activations::Spec activation_;
};

KERAS_LAYER(Activation);

}  // namespace keras::layers
