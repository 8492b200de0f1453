#pragma once
// keras.layers.DepthwiseConv1D: the depthwise 1-D convolution: each input channel convolved
// separately with its own depth_multiplier filters (no mixing across channels).
#include "keras/layers/convolutional/base_depthwise_conv.hpp"

namespace keras::layers {

class DepthwiseConv1DImpl : public BaseDepthwiseConvImpl {
 public:
  using Positional = std::tuple<IntTuple>;  // kernel_size
  using Options = DepthwiseConvOptions;
  explicit DepthwiseConv1DImpl(const IntTuple& kernel_size, DepthwiseConvOptions options = {})
      : BaseDepthwiseConvImpl(1, "DepthwiseConv1D", kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(DepthwiseConv1D);

}  // namespace keras::layers
