#pragma once
// Internal: the Dense layer's fused path.
#include "keras/core/ops.hpp"

namespace keras::ops::detail {

// matmul(inputs, kernel) + bias (one value per unit; null: none), then relu when `relu`, for
// inputs of rank >= 2 and a 2-D kernel of the inputs' floating dtype: one backend kernel
// (matmul_bias_relu) when no gradient tape records the operands, the three ops otherwise.
Tensor dense_bias_relu(const Tensor& inputs, const Tensor& kernel, const Tensor* bias, bool relu);

}  // namespace keras::ops::detail
