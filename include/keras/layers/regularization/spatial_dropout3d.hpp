#pragma once
// keras.layers.SpatialDropout3D: Dropout of whole feature maps in training, for
// (batch, dim1, dim2, dim3, channels) inputs, or channels first; a channel
// is dropped over the whole volume.
#include "keras/layers/regularization/base_spatial_dropout.hpp"

namespace keras::layers {

class SpatialDropout3DImpl : public BaseSpatialDropoutImpl {
 public:
  using Positional = std::tuple<double>;  // the handle's constructors (KERAS_LAYER)
  using Options = SpatialDropoutOptions;
  explicit SpatialDropout3DImpl(double rate, SpatialDropoutOptions options = {});
  std::string class_name() const override { return "SpatialDropout3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(SpatialDropout3D);

}  // namespace keras::layers
