#pragma once
// keras.layers.GlobalMaxPooling2D: the maximum over all 2-D spatial positions, per channel.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalMaxPooling2DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalMaxPooling2DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(2, Mode::max, options, "global_max_pooling2d") {}
  std::string class_name() const override { return "GlobalMaxPooling2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalMaxPooling2DImpl>(read_options(config, "GlobalMaxPooling2D"));
  }
};

KERAS_LAYER(GlobalMaxPooling2D);

}  // namespace keras::layers
