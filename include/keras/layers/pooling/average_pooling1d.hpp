#pragma once
// keras.layers.AveragePooling1D: the mean over windows of temporal data (batch, steps, features),
// or channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class AveragePooling1DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<IntTuple>;  // the handle's constructors (KERAS_LAYER)
  using Options = PoolingOptions;
  explicit AveragePooling1DImpl(IntTuple pool_size, PoolingOptions options = {})
      : BasePoolingImpl(1, Mode::average, pool_size, options, "AveragePooling1D",
                        "average_pooling1d") {}
  std::string class_name() const override { return "AveragePooling1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    auto [pool_size, o] = read_options(config, "AveragePooling1D", std::nullopt);
    return std::make_shared<AveragePooling1DImpl>(pool_size, o);
  }
};

KERAS_LAYER(AveragePooling1D);

}  // namespace keras::layers
