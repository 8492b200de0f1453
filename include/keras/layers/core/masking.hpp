#pragma once
// keras.layers.Masking: marks the time steps whose features all equal `mask_value` as padding.
// Those steps are zeroed, and the output carries a (batch, time) mask that the layers after it
// (RNNs, pooling, attention), losses and metrics honour.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct MaskingOptions {
  double mask_value = 0.0;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class MaskingImpl : public Layer {
 public:
  using Positional = std::tuple<>;
  using Options = MaskingOptions;
  explicit MaskingImpl(MaskingOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  // Steps where some feature differs from mask_value: any(inputs != mask_value, axis=-1).
  Tensor compute_mask(const Tensor& inputs, const Tensor& previous_mask) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Masking"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  double mask_value() const { return options_.mask_value; }

 private:
  MaskingOptions options_;
};

KERAS_LAYER(Masking);

}  // namespace keras::layers
