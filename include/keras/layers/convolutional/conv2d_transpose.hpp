#pragma once
// keras.layers.Conv2DTranspose: the transposed 2-D convolution ("deconvolution"), which
// maps a Conv2D's output shape back to its input shape: strides upsample.
#include "keras/layers/convolutional/base_conv_transpose.hpp"

namespace keras::layers {

class Conv2DTransposeImpl : public BaseConvTransposeImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvTransposeOptions;
  Conv2DTransposeImpl(std::int64_t filters, const IntTuple& kernel_size,
                      ConvTransposeOptions options = {})
      : BaseConvTransposeImpl(2, "Conv2DTranspose", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv2DTranspose);

}  // namespace keras::layers
