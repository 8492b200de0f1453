#include "keras/layers/regularization/spatial_dropout2d.hpp"

namespace keras::layers {

SpatialDropout2DImpl::SpatialDropout2DImpl(double rate, SpatialDropoutOptions options)
    : BaseSpatialDropoutImpl(rate, 4, options, "spatial_dropout2d") {}

std::shared_ptr<Layer> SpatialDropout2DImpl::from_config(const ConfigValue& config) {
  auto [rate, o] = read_config(config, "SpatialDropout2D");
  return std::make_shared<SpatialDropout2DImpl>(rate, std::move(o));
}

}  // namespace keras::layers
