#pragma once
// keras.layers.UnitNormalization: scales each sample to unit L2 norm over `axis` (one axis or
// several): x * min(1 / sqrt(sum(x^2)), 1e12).
#include "keras/core/ops/axes.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct UnitNormalizationOptions {
  ops::Axes axis = -1;  // one axis, or several: {1, 2}
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class UnitNormalizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = UnitNormalizationOptions;
  explicit UnitNormalizationImpl(UnitNormalizationOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "UnitNormalization"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::vector<int> axes_;
};

KERAS_LAYER(UnitNormalization);

}  // namespace keras::layers
