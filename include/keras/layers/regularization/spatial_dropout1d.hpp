#pragma once
// keras.layers.SpatialDropout1D: Dropout of whole feature maps in training, for
// (batch, steps, channels) inputs; a channel is dropped over all steps.
#include "keras/layers/regularization/base_spatial_dropout.hpp"

namespace keras::layers {

// SpatialDropout1D's keyword arguments: its inputs are (batch, steps, channels), always.
struct SpatialDropout1DOptions {
  std::optional<std::int64_t> seed{};
  std::string name{};
  std::string dtype{};
};

class SpatialDropout1DImpl : public BaseSpatialDropoutImpl {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = SpatialDropout1DOptions;
  explicit SpatialDropout1DImpl(double rate, SpatialDropout1DOptions options = {});
  std::string class_name() const override { return "SpatialDropout1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(SpatialDropout1D);

}  // namespace keras::layers
