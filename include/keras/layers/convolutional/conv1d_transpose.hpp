#pragma once
// keras.layers.Conv1DTranspose: the transposed 1-D convolution ("deconvolution"), which
// maps a Conv1D's output shape back to its input shape: strides upsample.
#include "keras/layers/convolutional/base_conv_transpose.hpp"

namespace keras::layers {

class Conv1DTransposeImpl : public BaseConvTransposeImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvTransposeOptions;
  Conv1DTransposeImpl(std::int64_t filters, const IntTuple& kernel_size,
                      ConvTransposeOptions options = {})
      : BaseConvTransposeImpl(1, "Conv1DTranspose", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
};

KERAS_LAYER(Conv1DTranspose);

}  // namespace keras::layers
