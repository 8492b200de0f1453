#pragma once
// keras.layers.AlphaDropout: Dropout for SELU networks. In training, sets a fraction `rate` of
// the inputs to SELU's negative saturation value and applies the affine map that keeps the
// inputs' mean and variance; the identity at inference.
#include <optional>

#include "keras/core/random.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct AlphaDropoutOptions {
  // The mask's shape (kNone: the input's dimension), e.g. {kNone, 1, features} to share the
  // mask over time steps; none: the input's shape.
  std::optional<Shape> noise_shape{};
  std::optional<std::int64_t> seed{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class AlphaDropoutImpl : public Layer {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = AlphaDropoutOptions;
  explicit AlphaDropoutImpl(double rate, AlphaDropoutOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "AlphaDropout"; }
  // call(inputs, training=False): Keras records the default on each node.
  ConfigValue node_kwargs() const override { return ConfigValue::Dict{{"training", false}}; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  double rate() const { return rate_; }

 private:
  double rate_;
  AlphaDropoutOptions options_;
  random::SeedGenerator seed_generator_;
};

KERAS_LAYER(AlphaDropout);

}  // namespace keras::layers
