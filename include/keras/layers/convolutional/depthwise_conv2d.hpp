#pragma once
// keras.layers.DepthwiseConv2D: the depthwise 2-D convolution: each input channel convolved
// separately with its own depth_multiplier filters (no mixing across channels).
#include "keras/layers/convolutional/base_depthwise_conv.hpp"

namespace keras::layers {

class DepthwiseConv2DImpl : public BaseDepthwiseConvImpl {
 public:
  using Positional = std::tuple<IntTuple>;  // kernel_size
  using Options = DepthwiseConvOptions;
  explicit DepthwiseConv2DImpl(const IntTuple& kernel_size, DepthwiseConvOptions options = {})
      : BaseDepthwiseConvImpl(2, "DepthwiseConv2D", kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(DepthwiseConv2D);

}  // namespace keras::layers
