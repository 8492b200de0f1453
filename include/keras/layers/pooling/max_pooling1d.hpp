#pragma once
// keras.layers.MaxPooling1D: the maximum over windows of temporal data (batch, steps, features), or
// channels first.
#include "keras/layers/pooling/base_pooling.hpp"

namespace keras::layers {

class MaxPooling1DImpl : public BasePoolingImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = MaxPoolingOptions;
  explicit MaxPooling1DImpl(MaxPoolingOptions options = {})
      : BasePoolingImpl(1, Mode::max, options.pool_size, common_options(options), "MaxPooling1D",
                        "max_pooling1d") {}
  std::string class_name() const override { return "MaxPooling1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MaxPooling1DImpl>(read_max_options(config, "MaxPooling1D"));
  }
};

KERAS_LAYER(MaxPooling1D);

}  // namespace keras::layers
