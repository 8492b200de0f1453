#pragma once
// keras.layers.ThresholdedReLU (Keras 2; removed in Keras 3, kept so Keras 2 files load):
// x where x > theta, 0 elsewhere.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ThresholdedReLUOptions {
  double theta = 1.0;  // >= 0
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ThresholdedReLUImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ThresholdedReLUOptions;
  explicit ThresholdedReLUImpl(ThresholdedReLUOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "ThresholdedReLU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  double theta_;
};

KERAS_LAYER(ThresholdedReLU);

}  // namespace keras::layers
