#pragma once
// keras.layers.ReLU: max(x, 0), or with its options
// max_value if x >= max_value, x if threshold <= x < max_value, negative_slope * (x - threshold)
// otherwise.
#include <optional>

#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ReLUOptions {
  std::optional<double> max_value{};  // none: unbounded; else >= 0
  double negative_slope = 0.0;        // >= 0
  double threshold = 0.0;             // >= 0
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ReLUImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ReLUOptions;
  explicit ReLUImpl(ReLUOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "ReLU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  ReLUOptions options_;
};

KERAS_LAYER(ReLU);

}  // namespace keras::layers
