#pragma once
// Elementwise ops with NumPy/Keras broadcasting and dtype promotion. Integer inputs to
// transcendental functions are computed in float32 (floatx), as keras.ops does.
#include "keras/core/tensor.hpp"

namespace keras::ops {

Tensor add(const Tensor& a, const Tensor& b);
Tensor subtract(const Tensor& a, const Tensor& b);
Tensor multiply(const Tensor& a, const Tensor& b);
Tensor divide(const Tensor& a, const Tensor& b);  // true division: ints give float32
// A first operand given up (a temporary, or std::move'd) may receive the result in place when
// nothing else refers to it, so `divide(cast(x, "float32"), 255.0)` allocates once. The values
// are those of the forms above.
Tensor add(Tensor&& a, const Tensor& b);
Tensor subtract(Tensor&& a, const Tensor& b);
Tensor multiply(Tensor&& a, const Tensor& b);
Tensor divide(Tensor&& a, const Tensor& b);
Tensor floor_divide(const Tensor& a, const Tensor& b);
Tensor mod(const Tensor& a, const Tensor& b);
Tensor power(const Tensor& a, const Tensor& b);
Tensor maximum(const Tensor& a, const Tensor& b);
Tensor minimum(const Tensor& a, const Tensor& b);

Tensor negative(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor sign(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor expm1(const Tensor& x);
Tensor log(const Tensor& x);
Tensor log1p(const Tensor& x);
Tensor sqrt(const Tensor& x);
Tensor rsqrt(const Tensor& x);
Tensor square(const Tensor& x);
Tensor reciprocal(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor erf(const Tensor& x);
Tensor round(const Tensor& x);  // half to even, as NumPy
Tensor floor(const Tensor& x);
Tensor ceil(const Tensor& x);
Tensor clip(const Tensor& x, double x_min, double x_max);

Tensor equal(const Tensor& a, const Tensor& b);
Tensor not_equal(const Tensor& a, const Tensor& b);
Tensor less(const Tensor& a, const Tensor& b);
Tensor less_equal(const Tensor& a, const Tensor& b);
Tensor greater(const Tensor& a, const Tensor& b);
Tensor greater_equal(const Tensor& a, const Tensor& b);
Tensor logical_and(const Tensor& a, const Tensor& b);
Tensor logical_or(const Tensor& a, const Tensor& b);
Tensor logical_xor(const Tensor& a, const Tensor& b);
Tensor logical_not(const Tensor& x);
Tensor isnan(const Tensor& x);
Tensor isinf(const Tensor& x);
Tensor isfinite(const Tensor& x);
// condition ? x1 : x2 with broadcasting; condition is cast to bool.
Tensor where(const Tensor& condition, const Tensor& x1, const Tensor& x2);

}  // namespace keras::ops
