#pragma once
// keras.layers.MaxPooling3D: the maximum over windows of volumes (batch, d1, d2, d3, channels), or
// channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class MaxPooling3DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = MaxPoolingOptions;
  explicit MaxPooling3DImpl(MaxPoolingOptions options = {})
      : BasePoolingImpl(3, Mode::max, options.pool_size, common_options(options), "MaxPooling3D",
                        "max_pooling3d") {}
  std::string class_name() const override { return "MaxPooling3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MaxPooling3DImpl>(read_max_options(config, "MaxPooling3D"));
  }
};

KERAS_LAYER(MaxPooling3D);

}  // namespace keras::layers
