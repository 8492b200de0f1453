#pragma once
// keras.layers.GlobalMaxPooling3D: the maximum over all 3-D spatial positions, per channel.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalMaxPooling3DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalMaxPooling3DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(3, Mode::max, options, "global_max_pooling3d") {}
  std::string class_name() const override { return "GlobalMaxPooling3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalMaxPooling3DImpl>(read_options(config, "GlobalMaxPooling3D"));
  }
};

KERAS_LAYER(GlobalMaxPooling3D);

}  // namespace keras::layers
