#pragma once
// keras.layers.GlobalAveragePooling3D: the mean over all 3-D spatial positions, per channel.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalAveragePooling3DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalAveragePooling3DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(3, Mode::average, options, "global_average_pooling3d") {}
  std::string class_name() const override { return "GlobalAveragePooling3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalAveragePooling3DImpl>(
        read_options(config, "GlobalAveragePooling3D"));
  }
};

KERAS_LAYER(GlobalAveragePooling3D);

}  // namespace keras::layers
