#pragma once
// keras.layers.Softmax: softmax over `axis` (one axis or several). The `mask` argument of
// Keras's call is not supported yet.
#include "keras/core/ops/axes.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct SoftmaxOptions {
  ops::Axes axis = -1;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class SoftmaxImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = SoftmaxOptions;
  explicit SoftmaxImpl(SoftmaxOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Softmax"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  ops::Axes axis_;
};

KERAS_LAYER(Softmax);

}  // namespace keras::layers
