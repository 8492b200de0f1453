#pragma once
// keras.layers.Identity: returns its input unchanged (a placeholder layer).
#include "keras/layers/layer.hpp"

namespace keras::layers {

class IdentityImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit IdentityImpl(LayerOptions options = {}) : Layer(options, "identity") {
    set_built();
    set_supports_masking(true);
  }
  Tensor call(const Tensor& inputs, bool) override { return inputs; }
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  std::string class_name() const override { return "Identity"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Identity);

}  // namespace keras::layers
