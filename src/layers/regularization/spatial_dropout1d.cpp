#include "keras/layers/regularization/spatial_dropout1d.hpp"

namespace keras::layers {

SpatialDropout1DImpl::SpatialDropout1DImpl(double rate, SpatialDropout1DOptions options)
    : BaseSpatialDropoutImpl(rate, 3,
                             {.data_format = "channels_last",
                              .seed = options.seed,
                              .name = options.name,
                              .dtype = options.dtype},
                             "spatial_dropout1d") {}

std::shared_ptr<Layer> SpatialDropout1DImpl::from_config(const ConfigValue& config) {
  auto [rate, o] = read_config(config, "SpatialDropout1D");
  return std::make_shared<SpatialDropout1DImpl>(
      rate, SpatialDropout1DOptions{.seed = o.seed, .name = o.name, .dtype = o.dtype});
}

}  // namespace keras::layers
