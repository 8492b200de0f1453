#pragma once
// Internal: the convolution layers' fused path.
#include "keras/core/ops.hpp"

namespace keras::ops::detail {

// conv(inputs, kernel, options) + bias (one value per output channel; null: none), then relu
// when `relu`: one backend kernel (conv_forward_bias_relu) where the layer would run three ops,
// with the three's gradients. Channels-first inputs compose the three ops.
Tensor conv_bias_relu(const Tensor& inputs, const Tensor& kernel, const Tensor* bias, bool relu,
                      const ConvOptions& options);

// max_pool(conv_bias_relu(...)) with 2x2 windows, stride 2 and "valid" padding, for a 2-D
// channels-last convolution with one group: one backend kernel that never stores the
// convolution's output (Conv2D followed by MaxPooling2D at inference). Other convolutions, and
// calls whose result a gradient tape would need, run the two ops.
Tensor conv_bias_relu_max_pool(const Tensor& inputs, const Tensor& kernel, const Tensor* bias,
                               bool relu, const ConvOptions& options);

}  // namespace keras::ops::detail
