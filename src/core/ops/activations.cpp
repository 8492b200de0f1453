// Activation functions of keras.ops.nn, each with the derivative JAX uses.
#include <cmath>

#include "src/core/ops/elementwise.hpp"

namespace keras::ops {
using backend::UnaryOp;
using detail::unary_op;

namespace {
Tensor mask(const Tensor& condition, const Tensor& like) { return cast(condition, like.dtype()); }
}  // namespace

// The gradient is jax.nn.relu's: select(x > 0, g, 0), one pass after the comparison (and 0
// where x <= 0 even for a NaN g, as JAX).
Tensor relu(const Tensor& x) {
  return unary_op(UnaryOp::relu, x, false,
                  [](auto& g, auto& in, auto&) { return where(greater(in, 0.0), g, 0.0); });
}
// relu6 of integers is floatx in Keras (JAX compares with 6.0), unlike relu.
Tensor relu6(const Tensor& x) {
  return unary_op(UnaryOp::relu6, x, true, [](auto& g, auto& in, auto&) {
    return multiply(g, mask(logical_and(greater(in, 0.0), less(in, 6.0)), g));
  });
}
Tensor sigmoid(const Tensor& x) {
  return unary_op(UnaryOp::sigmoid, x, true, [](auto& g, auto&, auto& y) {
    return multiply(g, multiply(y, subtract(1.0, y)));
  });
}
Tensor elu(const Tensor& x, double alpha) {
  return unary_op(
      UnaryOp::elu, x, true,
      [alpha](auto& g, auto& in, auto& y) {
        return multiply(g, where(greater(in, 0.0), ones_like(y), add(y, alpha)));
      },
      alpha);
}
Tensor selu(const Tensor& x) {
  constexpr double kAlpha = 1.6732632423543772848170429916717;
  constexpr double kScale = 1.0507009873554804934193349852946;
  return unary_op(UnaryOp::selu, x, true, [](auto& g, auto& in, auto&) {
    Tensor d = where(greater(in, 0.0), full_like(in, kScale), multiply(kScale * kAlpha, exp(in)));
    return multiply(g, d);
  });
}
Tensor softplus(const Tensor& x) {
  return unary_op(UnaryOp::softplus, x, true,
                  [](auto& g, auto& in, auto&) { return multiply(g, sigmoid(in)); });
}
Tensor softsign(const Tensor& x) {
  return unary_op(UnaryOp::softsign, x, true,
                  [](auto& g, auto& in, auto&) { return divide(g, square(add(abs(in), 1.0))); });
}
Tensor silu(const Tensor& x) {
  return unary_op(UnaryOp::silu, x, true, [](auto& g, auto& in, auto&) {
    Tensor s = sigmoid(in);
    return multiply(g, multiply(s, add(1.0, multiply(in, subtract(1.0, s)))));
  });
}
Tensor gelu(const Tensor& x, bool approximate) {
  if (approximate) {
    return unary_op(UnaryOp::gelu_tanh, x, true, [](auto& g, auto& in, auto&) {
      const double c = std::sqrt(2.0 / M_PI);
      Tensor x2 = square(in);
      Tensor t = tanh(multiply(c, multiply(in, add(1.0, multiply(0.044715, x2)))));
      Tensor left = multiply(0.5, add(1.0, t));
      Tensor right = multiply(
          multiply(0.5, in),
          multiply(subtract(1.0, square(t)), multiply(c, add(1.0, multiply(3 * 0.044715, x2)))));
      return multiply(g, add(left, right));
    });
  }
  return unary_op(UnaryOp::gelu_erf, x, true, [](auto& g, auto& in, auto&) {
    Tensor cdf = multiply(0.5, add(1.0, erf(multiply(in, 1.0 / std::sqrt(2.0)))));
    Tensor pdf = multiply(1.0 / std::sqrt(2.0 * M_PI), exp(multiply(-0.5, square(in))));
    return multiply(g, add(cdf, multiply(in, pdf)));
  });
}
Tensor hard_sigmoid(const Tensor& x) {
  return unary_op(UnaryOp::hard_sigmoid, x, true, [](auto& g, auto& in, auto&) {
    return multiply(g, multiply(1.0 / 6.0, mask(logical_and(greater(in, -3.0), less(in, 3.0)), g)));
  });
}
Tensor leaky_relu(const Tensor& x, double negative_slope) {
  return unary_op(
      UnaryOp::leaky_relu, x, true,
      [negative_slope](auto& g, auto& in, auto&) {
        // jax.nn.leaky_relu is where(x >= 0, x, slope * x): slope 1 at 0.
        return multiply(g,
                        where(greater_equal(in, 0.0), ones_like(g), full_like(g, negative_slope)));
      },
      negative_slope);
}

namespace {
// Softmax in one kernel (XLA fuses the five ops Keras writes into one too), with JAX's
// gradients: softmax y (g - sum(g y)), log_softmax g - exp(y) sum(g), both along the axis.
// float16 and bfloat16 (no kernel) and scalars take the five ops.
bool has_softmax_kernel(const Tensor& xf) {
  return xf.rank() > 0 && (xf.dtype() == DType::float32 || xf.dtype() == DType::float64);
}
Tensor softmax_kernel(const Tensor& xf, int axis, bool log) {
  const int a = normalize_axis(axis, xf.rank(), log ? "log_softmax axis" : "softmax axis");
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < a; ++d) outer *= xf.shape()[d];
  for (int d = a + 1; d < xf.rank(); ++d) inner *= xf.shape()[d];
  Tensor y = empty(xf.shape(), xf.dtype());
  if (xf.shape().size() > 0)
    detail::be().softmax(*xf.buffer(), *y.buffer(), outer, xf.shape()[a], inner, xf.dtype(), log);
  return autodiff::record(y, {xf}, [y, a, log](const Tensor& g) {
    if (log) return std::vector<Tensor>{subtract(g, multiply(exp(y), sum(g, a, true)))};
    return std::vector<Tensor>{multiply(y, subtract(g, sum(multiply(g, y), a, true)))};
  });
}
}  // namespace

Tensor softmax(const Tensor& x, int axis) {
  Tensor xf = detail::to_float(x);
  if (has_softmax_kernel(xf)) return softmax_kernel(xf, axis, false);
  Tensor shifted = subtract(xf, stop_gradient(max(xf, axis, true)));
  Tensor e = exp(shifted);
  return divide(e, sum(e, axis, true));
}

Tensor log_softmax(const Tensor& x, int axis) {
  Tensor xf = detail::to_float(x);
  if (has_softmax_kernel(xf)) return softmax_kernel(xf, axis, true);
  Tensor shifted = subtract(xf, stop_gradient(max(xf, axis, true)));
  return subtract(shifted, log(sum(exp(shifted), axis, true)));
}

}  // namespace keras::ops
