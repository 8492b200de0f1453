#pragma once
// keras.layers.AveragePooling2D: the mean over windows of images (batch, rows, cols, channels), or
// channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class AveragePooling2DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<IntTuple>;  // the handle's constructors (KERAS_LAYER)
  using Options = PoolingOptions;
  explicit AveragePooling2DImpl(IntTuple pool_size, PoolingOptions options = {})
      : BasePoolingImpl(2, Mode::average, pool_size, options, "AveragePooling2D",
                        "average_pooling2d") {}
  std::string class_name() const override { return "AveragePooling2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    auto [pool_size, o] = read_options(config, "AveragePooling2D", std::nullopt);
    return std::make_shared<AveragePooling2DImpl>(pool_size, o);
  }
};

KERAS_LAYER(AveragePooling2D);

}  // namespace keras::layers
