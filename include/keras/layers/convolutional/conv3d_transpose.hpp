#pragma once
// keras.layers.Conv3DTranspose: the transposed 3-D convolution ("deconvolution"), which
// maps a Conv3D's output shape back to its input shape: strides upsample.
#include "keras/layers/convolutional/base_conv_transpose.hpp"

namespace keras::layers {

class Conv3DTransposeImpl : public BaseConvTransposeImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvTransposeOptions;
  Conv3DTransposeImpl(std::int64_t filters, const IntTuple& kernel_size,
                      ConvTransposeOptions options = {})
      : BaseConvTransposeImpl(3, "Conv3DTranspose", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv3DTranspose);

}  // namespace keras::layers
