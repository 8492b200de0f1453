#pragma once
// keras.layers.ELU: x for x > 0, alpha * (exp(x) - 1) below.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ELUOptions {
  double alpha = 1.0;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ELUImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ELUOptions;
  explicit ELUImpl(ELUOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "ELU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  double alpha_;
};

KERAS_LAYER(ELU);

}  // namespace keras::layers
