#pragma once
// keras.layers.GaussianDropout: in training, multiplies the inputs by normal noise of mean 1 and
// standard deviation sqrt(rate / (1 - rate)); the identity at inference.
#include <optional>

#include "keras/core/random.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct GaussianDropoutOptions {
  std::optional<std::int64_t> seed{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class GaussianDropoutImpl : public Layer {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = GaussianDropoutOptions;
  explicit GaussianDropoutImpl(double rate, GaussianDropoutOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "GaussianDropout"; }
  // call(inputs, training=False): Keras records the default on each node.
  ConfigValue node_kwargs() const override { return ConfigValue::Dict{{"training", false}}; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  double rate() const { return rate_; }

 private:
  double rate_;
  GaussianDropoutOptions options_;
  random::SeedGenerator seed_generator_;
};

KERAS_LAYER(GaussianDropout);

}  // namespace keras::layers
