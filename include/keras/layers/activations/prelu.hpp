#pragma once
// keras.layers.PReLU: x for x >= 0, alpha * x below, with a learned alpha per feature (one
// weight of the input's shape without the batch axis; `shared_axes` give it size 1 there, e.g.
// {1, 2} for one alpha per channel of an image).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct PReLUOptions {
  initializers::Spec alpha_initializer = "zeros";
  regularizers::Spec alpha_regularizer{};
  constraints::Spec alpha_constraint{};
  std::vector<int> shared_axes{};  // axes >= 1 of the input
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class PReLUImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = PReLUOptions;
  explicit PReLUImpl(PReLUOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "PReLU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const Variable& alpha() const { return alpha_; }

 private:
  PReLUOptions options_;
  Variable alpha_;
};

KERAS_LAYER(PReLU);

}  // namespace keras::layers
