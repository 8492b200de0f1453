#pragma once
// keras.layers.Identity: returns its input unchanged (a placeholder layer).
#include "keras/layers/layer.hpp"

namespace keras::layers {

class IdentityImpl : public Layer {
 public:
  explicit IdentityImpl(LayerOptions options = {}) : Layer(options, "identity") { set_built(); }
  Tensor call(const Tensor& inputs, bool) override { return inputs; }
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  std::string class_name() const override { return "Identity"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

class Identity : public LayerHandle<IdentityImpl> {
 public:
  explicit Identity(LayerOptions options = {})
      : LayerHandle(std::make_shared<IdentityImpl>(std::move(options))) {}
};

}  // namespace keras::layers
