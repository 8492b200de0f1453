#pragma once
// keras.layers.Normalization: (x - mean) / sqrt(variance) per feature (the `axis` kept, every
// other axis shares the statistics), or the reverse with `invert`. The statistics are given
// (`mean` and `variance`, scalars or one value per kept feature) or computed from data by
// `adapt`, as Keras does (then they are the non-trainable weights mean, variance and count).
#include <optional>

#include "keras/core/ops/axes.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct NormalizationOptions {
  std::vector<int> axis = {-1};  // the kept axes; empty: one statistic for everything
  // Both or neither: one value, or one per kept feature (flattened, row-major).
  std::optional<std::vector<double>> mean{};
  std::optional<std::vector<double>> variance{};
  bool invert = false;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class NormalizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = NormalizationOptions;
  explicit NormalizationImpl(NormalizationOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Normalization"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // Computes mean and variance over every axis but the kept ones, as Keras's adapt on an
  // array: builds the layer from data's shape first if needed (data includes the batch axis).
  void adapt(const Tensor& data);

 private:
  NormalizationOptions options_;
  Shape build_shape_;
  std::vector<int> keep_axes_, reduce_axes_;
  Shape broadcast_shape_;
  Variable adapt_mean_, adapt_variance_, count_;
  Tensor given_mean_, given_variance_;  // broadcast, when the options give them
};

KERAS_LAYER(Normalization);

}  // namespace keras::layers
