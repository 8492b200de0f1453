#pragma once
// keras.layers.Rescaling: inputs * scale + offset, computed in the layer's dtype (uint8 images
// come out as floats): Rescaling(1.0 / 255) maps pixels to [0, 1], Rescaling(1.0 / 127.5, -1)
// to [-1, 1].
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct RescalingOptions {
  double offset = 0.0;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class RescalingImpl : public Layer {
 public:
  using Positional = std::tuple<double>;  // scale (the handle's constructors, KERAS_LAYER)
  using Options = RescalingOptions;
  explicit RescalingImpl(double scale, RescalingOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Rescaling"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  double scale_, offset_;
};

KERAS_LAYER(Rescaling);

}  // namespace keras::layers
