#pragma once
// keras.layers.MaxPooling2D: the maximum over windows of images (batch, rows, cols, channels), or
// channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class MaxPooling2DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = MaxPoolingOptions;
  explicit MaxPooling2DImpl(MaxPoolingOptions options = {})
      : BasePoolingImpl(2, Mode::max, options.pool_size, common_options(options), "MaxPooling2D",
                        "max_pooling2d") {}
  std::string class_name() const override { return "MaxPooling2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MaxPooling2DImpl>(read_max_options(config, "MaxPooling2D"));
  }
};

KERAS_LAYER(MaxPooling2D);

}  // namespace keras::layers
