#pragma once
// keras.layers.Conv3D: a 3-D convolution over inputs (batch, dim1, dim2, dim3,
// channels) (channels_last) or (batch, channels, dim1, dim2, dim3) (channels_first).
#include "keras/layers/convolutional/base_conv.hpp"

namespace keras::layers {

class Conv3DImpl : public BaseConvImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvOptions;
  Conv3DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvOptions options = {})
      : BaseConvImpl(3, "Conv3D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv3D);

}  // namespace keras::layers
