#pragma once
// keras.layers.SeparableConv2D: the depthwise separable 2-D convolution: a depthwise
// convolution, then a pointwise (1-wide) one mixing the channels into `filters` outputs.
#include "keras/layers/convolutional/base_separable_conv.hpp"

namespace keras::layers {

class SeparableConv2DImpl : public BaseSeparableConvImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = SeparableConvOptions;
  SeparableConv2DImpl(std::int64_t filters, const IntTuple& kernel_size,
                      SeparableConvOptions options = {})
      : BaseSeparableConvImpl(2, "SeparableConv2D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(SeparableConv2D);

}  // namespace keras::layers
