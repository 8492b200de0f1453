#pragma once
// keras.layers.LeakyReLU: x for x >= 0, negative_slope * x below (the layer's default slope is
// 0.3, the function's 0.2, as in Keras).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct LeakyReLUOptions {
  double negative_slope = 0.3;  // >= 0; Keras 2 configs call it `alpha`
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class LeakyReLUImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LeakyReLUOptions;
  explicit LeakyReLUImpl(LeakyReLUOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "LeakyReLU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  double negative_slope_;
};

KERAS_LAYER(LeakyReLU);

}  // namespace keras::layers
