#pragma once
// keras.layers.AveragePooling3D: the mean over windows of volumes (batch, d1, d2, d3, channels), or
// channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class AveragePooling3DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<IntTuple>;  // the handle's constructors (KERAS_LAYER)
  using Options = PoolingOptions;
  explicit AveragePooling3DImpl(IntTuple pool_size, PoolingOptions options = {})
      : BasePoolingImpl(3, Mode::average, pool_size, options, "AveragePooling3D",
                        "average_pooling3d") {}
  std::string class_name() const override { return "AveragePooling3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    auto [pool_size, o] = read_options(config, "AveragePooling3D", std::nullopt);
    return std::make_shared<AveragePooling3DImpl>(pool_size, o);
  }
};

KERAS_LAYER(AveragePooling3D);

}  // namespace keras::layers
