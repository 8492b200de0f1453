#pragma once
// keras.layers.GlobalMaxPooling1D: the maximum over all 1-D spatial positions, per channel.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalMaxPooling1DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalMaxPooling1DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(1, Mode::max, options, "global_max_pooling1d") {}
  std::string class_name() const override { return "GlobalMaxPooling1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalMaxPooling1DImpl>(read_options(config, "GlobalMaxPooling1D"));
  }
};

KERAS_LAYER(GlobalMaxPooling1D);

}  // namespace keras::layers
