#pragma once
// keras.layers.Conv2D: a 2-D convolution over inputs (batch, rows, cols, channels)
// (channels_last) or (batch, channels, rows, cols) (channels_first).
#include "keras/layers/convolutional/base_conv.hpp"

namespace keras::layers {

class Conv2DImpl : public BaseConvImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvOptions;
  Conv2DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvOptions options = {})
      : BaseConvImpl(2, "Conv2D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv2D);

}  // namespace keras::layers
