#pragma once
// keras.layers.GaussianNoise: in training, adds zero-centered normal noise of standard
// deviation `stddev` to the inputs; the identity at inference.
#include <optional>

#include "keras/core/random.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct GaussianNoiseOptions {
  std::optional<std::int64_t> seed{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class GaussianNoiseImpl : public Layer {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = GaussianNoiseOptions;
  // Keras accepts 0 <= stddev <= 1.
  explicit GaussianNoiseImpl(double stddev, GaussianNoiseOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "GaussianNoise"; }
  // call(inputs, training=False): Keras records the default on each node.
  ConfigValue node_kwargs() const override { return ConfigValue::Dict{{"training", false}}; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  double stddev() const { return stddev_; }

 private:
  double stddev_;
  GaussianNoiseOptions options_;
  random::SeedGenerator seed_generator_;
};

KERAS_LAYER(GaussianNoise);

}  // namespace keras::layers
