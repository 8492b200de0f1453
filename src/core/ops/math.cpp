#include "keras/core/ops/math.hpp"

#include <cmath>

#include "src/core/ops/elementwise.hpp"

namespace keras::ops {
using backend::BinaryOp;
using backend::UnaryOp;
using detail::binary_op;
using detail::BinaryGrad;
using detail::result_type;
using detail::unary_op;

namespace {
const BinaryGrad add_grad = [](auto& g, auto&, auto&, auto&) { return std::pair{g, g}; };
const BinaryGrad subtract_grad = [](auto& g, auto&, auto&, auto&) {
  return std::pair{g, negative(g)};
};
const BinaryGrad multiply_grad = [](auto& g, auto& x, auto& y, auto&) {
  return std::pair{multiply(g, y), multiply(g, x)};
};
const BinaryGrad divide_grad = [](auto& g, auto&, auto& y, auto& out) {
  Tensor ga = divide(g, y);
  return std::pair{ga, negative(multiply(ga, out))};
};
}  // namespace

Tensor add(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::add, a, b, result_type(a, b), add_grad);
}
Tensor add(Tensor&& a, const Tensor& b) {
  const DType t = result_type(a, b);
  return binary_op(BinaryOp::add, std::move(a), b, t, add_grad);
}
Tensor subtract(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::subtract, a, b, result_type(a, b), subtract_grad);
}
Tensor subtract(Tensor&& a, const Tensor& b) {
  const DType t = result_type(a, b);
  return binary_op(BinaryOp::subtract, std::move(a), b, t, subtract_grad);
}
Tensor multiply(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::multiply, a, b, result_type(a, b), multiply_grad);
}
Tensor multiply(Tensor&& a, const Tensor& b) {
  const DType t = result_type(a, b);
  return binary_op(BinaryOp::multiply, std::move(a), b, t, multiply_grad);
}
Tensor divide(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::divide, a, b, detail::float_dtype(result_type(a, b)), divide_grad);
}
Tensor divide(Tensor&& a, const Tensor& b) {
  const DType t = detail::float_dtype(result_type(a, b));
  return binary_op(BinaryOp::divide, std::move(a), b, t, divide_grad);
}
Tensor floor_divide(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::floor_divide, a, b, result_type(a, b), nullptr);
}
Tensor mod(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::mod, a, b, result_type(a, b), [](auto& g, auto& x, auto& y, auto&) {
    return std::pair{g, negative(multiply(g, floor_divide(x, y)))};
  });
}
Tensor power(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::power, a, b, result_type(a, b),
                   [](auto& g, auto& x, auto& y, auto& out) {
                     // d/dx = y * x^(y-1); d/dy = out * log(x), with log(0) replaced by 0 as JAX
                     // does. JAX's rule: 0 where y == 0 (y * x^(y-1) would be 0 * inf at x = 0).
                     Tensor gx = where(equal(y, 0.0), zeros_like(x),
                                       multiply(g, multiply(y, power(x, subtract(y, 1.0)))));
                     Tensor safe_x = where(equal(x, 0.0), ones_like(x), x);
                     Tensor gy = multiply(g, multiply(out, log(safe_x)));
                     return std::pair{gx, gy};
                   });
}

namespace {
// JAX's rule for max/min: the gradient goes to the chosen operand, split evenly on ties.
std::pair<Tensor, Tensor> chooser_grad(const Tensor& g, const Tensor& a, const Tensor& b,
                                       const Tensor& out) {
  Tensor a_is = cast(equal(a, out), g.dtype()), b_is = cast(equal(b, out), g.dtype());
  Tensor share = divide(g, add(a_is, b_is));
  return {multiply(share, a_is), multiply(share, b_is)};
}
}  // namespace
Tensor maximum(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::maximum, a, b, result_type(a, b), chooser_grad);
}
Tensor minimum(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::minimum, a, b, result_type(a, b), chooser_grad);
}

Tensor negative(const Tensor& x) {
  return unary_op(UnaryOp::negative, x, false, [](auto& g, auto&, auto&) { return negative(g); });
}
Tensor abs(const Tensor& x) {
  // JAX's rule: d|x|/dx is +1 at 0 (select(x >= 0, g, -g)).
  return unary_op(UnaryOp::abs, x, false, [](auto& g, auto& in, auto&) {
    return where(greater_equal(in, 0.0), g, negative(g));
  });
}
Tensor sign(const Tensor& x) { return unary_op(UnaryOp::sign, x, false, nullptr); }
Tensor exp(const Tensor& x) {
  return unary_op(UnaryOp::exp, x, true, [](auto& g, auto&, auto& y) { return multiply(g, y); });
}
Tensor expm1(const Tensor& x) {
  return unary_op(UnaryOp::expm1, x, true,
                  [](auto& g, auto&, auto& y) { return multiply(g, add(y, 1.0)); });
}
Tensor log(const Tensor& x) {
  return unary_op(UnaryOp::log, x, true, [](auto& g, auto& in, auto&) { return divide(g, in); });
}
Tensor log1p(const Tensor& x) {
  return unary_op(UnaryOp::log1p, x, true,
                  [](auto& g, auto& in, auto&) { return divide(g, add(in, 1.0)); });
}
Tensor sqrt(const Tensor& x) {
  return unary_op(UnaryOp::sqrt, x, true,
                  [](auto& g, auto&, auto& y) { return divide(multiply(g, 0.5), y); });
}
Tensor rsqrt(const Tensor& x) {
  return unary_op(UnaryOp::rsqrt, x, true, [](auto& g, auto& in, auto& y) {
    return multiply(g, multiply(-0.5, divide(y, in)));
  });
}
Tensor square(const Tensor& x) {
  return unary_op(UnaryOp::square, x, false,
                  [](auto& g, auto& in, auto&) { return multiply(g, multiply(in, 2.0)); });
}
Tensor reciprocal(const Tensor& x) {
  return unary_op(UnaryOp::reciprocal, x, true,
                  [](auto& g, auto&, auto& y) { return negative(multiply(g, square(y))); });
}
Tensor sin(const Tensor& x) {
  return unary_op(UnaryOp::sin, x, true,
                  [](auto& g, auto& in, auto&) { return multiply(g, cos(in)); });
}
Tensor cos(const Tensor& x) {
  return unary_op(UnaryOp::cos, x, true,
                  [](auto& g, auto& in, auto&) { return negative(multiply(g, sin(in))); });
}
Tensor tanh(const Tensor& x) {
  return unary_op(UnaryOp::tanh, x, true,
                  [](auto& g, auto&, auto& y) { return multiply(g, subtract(1.0, square(y))); });
}
Tensor erf(const Tensor& x) {
  return unary_op(UnaryOp::erf, x, true, [](auto& g, auto& in, auto&) {
    return multiply(g, multiply(2.0 / std::sqrt(M_PI), exp(negative(square(in)))));
  });
}
Tensor round(const Tensor& x) { return unary_op(UnaryOp::round, x, false, nullptr); }
// Keras computes floor/ceil of integers in floatx (unlike round, which keeps the dtype).
Tensor floor(const Tensor& x) { return unary_op(UnaryOp::floor, x, true, nullptr); }
Tensor ceil(const Tensor& x) { return unary_op(UnaryOp::ceil, x, true, nullptr); }

Tensor clip(const Tensor& x, double x_min, double x_max) {
  // minimum(maximum(x, lo), hi) as jnp.clip, so gradients at the bounds match JAX. Integer
  // tensors clipped to whole-number bounds stay integer (bool is clipped as int32), as Keras.
  Tensor in = x.dtype() == DType::bool_ ? cast(x, DType::int32) : x;
  auto bound = [&](double v) {
    bool integral = !is_floating(in.dtype()) && v == std::floor(v) && std::fabs(v) < 2147483648.0;
    return integral ? Tensor(static_cast<int>(v)) : Tensor(v);
  };
  return minimum(maximum(in, bound(x_min)), bound(x_max));
}

Tensor equal(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::equal, a, b, result_type(a, b), nullptr);
}
Tensor not_equal(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::not_equal, a, b, result_type(a, b), nullptr);
}
Tensor less(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::less, a, b, result_type(a, b), nullptr);
}
Tensor less_equal(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::less_equal, a, b, result_type(a, b), nullptr);
}
Tensor greater(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::greater, a, b, result_type(a, b), nullptr);
}
Tensor greater_equal(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::greater_equal, a, b, result_type(a, b), nullptr);
}
Tensor logical_and(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::logical_and, a, b, result_type(a, b), nullptr);
}
Tensor logical_or(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::logical_or, a, b, result_type(a, b), nullptr);
}
Tensor logical_xor(const Tensor& a, const Tensor& b) {
  return binary_op(BinaryOp::logical_xor, a, b, result_type(a, b), nullptr);
}
Tensor logical_not(const Tensor& x) { return detail::unary_kernel(UnaryOp::logical_not, x); }
Tensor isnan(const Tensor& x) { return detail::unary_kernel(UnaryOp::isnan, x); }
Tensor isinf(const Tensor& x) { return detail::unary_kernel(UnaryOp::isinf, x); }
Tensor isfinite(const Tensor& x) { return detail::unary_kernel(UnaryOp::isfinite, x); }

Tensor where(const Tensor& condition, const Tensor& x1, const Tensor& x2) {
  DType t = result_type(x1, x2);
  Tensor c = cast(condition, DType::bool_), a = cast(x1, t), b = cast(x2, t);
  Shape out_shape = broadcast_shapes(broadcast_shapes(c.shape(), a.shape()), b.shape());
  Tensor y = empty(out_shape, t);
  detail::be().where(detail::strided(c, out_shape), detail::strided(a, out_shape),
                     detail::strided(b, out_shape), *y.buffer(), out_shape, t);
  if (!is_floating(t)) return y;
  return autodiff::record(y, {a, b}, [c, a, b](const Tensor& g) {
    Tensor z = zeros_like(g);
    return std::vector<Tensor>{detail::unbroadcast(where(c, g, z), a.shape()),
                               detail::unbroadcast(where(c, z, g), b.shape())};
  });
}

}  // namespace keras::ops
