#pragma once
// keras.layers.GlobalAveragePooling2D: the mean over all 2-D spatial positions, per channel.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalAveragePooling2DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalAveragePooling2DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(2, Mode::average, options, "global_average_pooling2d") {}
  std::string class_name() const override { return "GlobalAveragePooling2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalAveragePooling2DImpl>(
        read_options(config, "GlobalAveragePooling2D"));
  }
};

KERAS_LAYER(GlobalAveragePooling2D);

}  // namespace keras::layers
