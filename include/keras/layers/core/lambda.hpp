#pragma once
// keras.layers.Lambda: a layer computing a C++ callable, for quick custom steps in Sequential
// and functional models (trainable through fit when the callable uses keras::ops). The callable
// has no weights of its own. Like a Python lambda it cannot be serialized: get_config (and so
// saving the model or to_json) throws NotImplementedError naming the layer; write a Layer
// subclass with get_config for a model that must be saved.
//
//   auto half = layers::Lambda([](const Tensor& x) { return ops::multiply(x, 0.5); });
#include <functional>

#include "keras/layers/layer.hpp"

namespace keras::layers {

struct LambdaOptions {
  // The output shape for an input shape (kNone dims allowed); none: found by tracing the
  // callable on small inputs (Layer::compute_output_shape).
  std::function<Shape(const Shape&)> output_shape{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class LambdaImpl : public Layer {
 public:
  using Function = std::function<Tensor(const Tensor&)>;
  using Positional = std::tuple<Function>;  // the handle's constructors (KERAS_LAYER)
  using Options = LambdaOptions;
  explicit LambdaImpl(Function function, LambdaOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  // Always throws NotImplementedError: a C++ callable has no config.
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Lambda"; }

 private:
  Function function_;
  std::function<Shape(const Shape&)> output_shape_;
};

KERAS_LAYER(Lambda);

}  // namespace keras::layers
