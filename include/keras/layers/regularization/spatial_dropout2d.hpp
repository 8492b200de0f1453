#pragma once
// keras.layers.SpatialDropout2D: Dropout of whole feature maps in training, for
// (batch, rows, cols, channels) inputs, or (batch, channels, rows, cols) for
// channels_first; a channel is dropped over all rows and columns.
#include "keras/layers/regularization/base_spatial_dropout.hpp"

namespace keras::layers {

class SpatialDropout2DImpl : public BaseSpatialDropoutImpl {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = SpatialDropoutOptions;
  explicit SpatialDropout2DImpl(double rate, SpatialDropoutOptions options = {});
  std::string class_name() const override { return "SpatialDropout2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(SpatialDropout2D);

}  // namespace keras::layers
