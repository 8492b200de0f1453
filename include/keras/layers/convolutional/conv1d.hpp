#pragma once
// keras.layers.Conv1D: a 1-D convolution over inputs (batch, steps, channels) (channels_last)
// or (batch, channels, steps) (channels_first). padding "causal" pads (kernel_size - 1) *
// dilation_rate zeros before the steps only, so output t sees no input after t.
#include "keras/layers/convolutional/base_conv.hpp"

namespace keras::layers {

class Conv1DImpl : public BaseConvImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvOptions;
  Conv1DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvOptions options = {})
      : BaseConvImpl(1, "Conv1D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv1D);

}  // namespace keras::layers
