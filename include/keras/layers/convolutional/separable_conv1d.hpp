#pragma once
// keras.layers.SeparableConv1D: the depthwise separable 1-D convolution: a depthwise
// convolution, then a pointwise (1-wide) one mixing the channels into `filters` outputs.
#include "keras/layers/convolutional/base_separable_conv.hpp"

namespace keras::layers {

class SeparableConv1DImpl : public BaseSeparableConvImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = SeparableConvOptions;
  SeparableConv1DImpl(std::int64_t filters, const IntTuple& kernel_size,
                      SeparableConvOptions options = {})
      : BaseSeparableConvImpl(1, "SeparableConv1D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(SeparableConv1D);

}  // namespace keras::layers
