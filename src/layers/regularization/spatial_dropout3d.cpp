#include "keras/layers/regularization/spatial_dropout3d.hpp"

namespace keras::layers {

SpatialDropout3DImpl::SpatialDropout3DImpl(double rate, SpatialDropoutOptions options)
    : BaseSpatialDropoutImpl(rate, 5, options, "spatial_dropout3d") {}

std::shared_ptr<Layer> SpatialDropout3DImpl::from_config(const ConfigValue& config) {
  auto [rate, o] = read_config(config, "SpatialDropout3D");
  return std::make_shared<SpatialDropout3DImpl>(rate, std::move(o));
}

}  // namespace keras::layers
