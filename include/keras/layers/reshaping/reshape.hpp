#pragma once
// keras.layers.Reshape: reshapes each sample to `target_shape` (one entry may be -1).
#include "keras/layers/layer.hpp"

namespace keras::layers {

class ReshapeImpl : public Layer {
 public:
  using Positional = std::tuple<Shape>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit ReshapeImpl(Shape target_shape, LayerOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Reshape"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  const Shape& target_shape() const { return target_shape_; }

 private:
  Shape target_shape_;
};

KERAS_LAYER(Reshape);

}  // namespace keras::layers
