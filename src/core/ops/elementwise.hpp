#pragma once
// Internal: the two building blocks of elementwise ops (kernel call + gradient recording).
#include <functional>

#include "src/core/ops/detail.hpp"

namespace keras::ops::detail {

// g, x, y -> gradient with respect to x.
using UnaryGrad = std::function<Tensor(const Tensor& g, const Tensor& x, const Tensor& y)>;
// Applies a unary kernel; `float_only` ops compute integer inputs in floatx.
// An empty `grad` means the op is piecewise constant (zero gradient, nothing recorded).
Tensor unary_op(backend::UnaryOp op, const Tensor& x, bool float_only, const UnaryGrad& grad,
                double alpha = 0.0);

// g, a, b, y -> {grad a, grad b} before un-broadcasting.
using BinaryGrad = std::function<std::pair<Tensor, Tensor>(const Tensor& g, const Tensor& a,
                                                           const Tensor& b, const Tensor& y)>;
Tensor binary_op(backend::BinaryOp op, const Tensor& a, const Tensor& b, DType compute,
                 const BinaryGrad& grad);
// The same for a first operand the caller gives up (an rvalue): when nothing else refers to its
// storage the result is written over it, so `divide(cast(x, "float32"), 255.0)` allocates once.
Tensor binary_op(backend::BinaryOp op, Tensor&& a, const Tensor& b, DType compute,
                 const BinaryGrad& grad);

}  // namespace keras::ops::detail
