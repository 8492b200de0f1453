// The activation functions, as keras/src/activations/activations.py composes them (the JAX
// backend's formulas where Keras defers to jax.nn), from keras::ops so the tape sees every
// step.
#include "keras/activations/activations.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"

namespace keras::activations {

Tensor relu(const Tensor& x, const ReluOptions& o) {
  const double slope = o.negative_slope, threshold = o.threshold;
  if (slope != 0.0 && !o.max_value && threshold == 0.0) return ops::leaky_relu(x, slope);
  Tensor negative_part;
  if (slope != 0.0)
    negative_part =
        ops::relu(threshold != 0.0 ? ops::add(ops::negative(x), threshold) : ops::negative(x));
  bool clip_max = o.max_value.has_value();
  Tensor y;
  if (threshold != 0.0) {
    y = ops::where(ops::greater(x, threshold), x, 0.0);
  } else if (o.max_value && *o.max_value == 6.0) {
    y = ops::relu6(x);  // the fused op, as Keras picks it
    clip_max = false;
  } else {
    y = ops::relu(x);
  }
  if (clip_max) y = ops::clip(y, 0.0, *o.max_value);
  if (slope != 0.0) y = ops::subtract(y, ops::multiply(negative_part, slope));
  return y;
}

Tensor relu(const Tensor& x) { return ops::relu(x); }
Tensor leaky_relu(const Tensor& x) { return leaky_relu(x, 0.2); }
Tensor leaky_relu(const Tensor& x, double negative_slope) {
  return ops::leaky_relu(x, negative_slope);
}
Tensor relu6(const Tensor& x) { return ops::relu6(x); }
Tensor elu(const Tensor& x) { return ops::elu(x, 1.0); }
Tensor elu(const Tensor& x, double alpha) { return ops::elu(x, alpha); }
Tensor selu(const Tensor& x) { return ops::selu(x); }

Tensor celu(const Tensor& x) { return celu(x, 1.0); }
Tensor celu(const Tensor& x, double alpha) {
  return ops::add(ops::maximum(x, 0.0),
                  ops::multiply(ops::expm1(ops::divide(ops::minimum(x, 0.0), alpha)), alpha));
}

Tensor exponential(const Tensor& x) { return ops::exp(x); }
Tensor gelu(const Tensor& x) { return ops::gelu(x, false); }
Tensor gelu(const Tensor& x, bool approximate) { return ops::gelu(x, approximate); }

Tensor glu(const Tensor& x) { return glu(x, -1); }
Tensor glu(const Tensor& x, int axis) {
  const int a = normalize_axis(axis, x.rank());
  if (x.shape()[a] % 2 != 0)
    throw ValueError("axis size must be divisible by 2. Received: x.shape=" +
                     x.shape().to_string() + " with axis=" + std::to_string(axis));
  const std::vector<Tensor> halves = ops::split(x, 2, a);
  return ops::multiply(halves[0], ops::sigmoid(halves[1]));
}

Tensor sigmoid(const Tensor& x) { return ops::sigmoid(x); }
Tensor hard_sigmoid(const Tensor& x) { return ops::hard_sigmoid(x); }
Tensor sparse_sigmoid(const Tensor& x) {
  return ops::multiply(ops::clip(ops::add(x, 1.0), 0.0, 2.0), 0.5);
}
Tensor log_sigmoid(const Tensor& x) { return ops::negative(ops::softplus(ops::negative(x))); }
Tensor silu(const Tensor& x) { return ops::silu(x); }
Tensor swish(const Tensor& x) { return ops::silu(x); }
Tensor hard_silu(const Tensor& x) { return ops::multiply(x, ops::hard_sigmoid(x)); }
Tensor hard_swish(const Tensor& x) { return hard_silu(x); }
Tensor mish(const Tensor& x) { return ops::multiply(x, ops::tanh(ops::softplus(x))); }
Tensor softplus(const Tensor& x) { return ops::softplus(x); }
Tensor softsign(const Tensor& x) { return ops::softsign(x); }

Tensor sparse_plus(const Tensor& x) {
  Tensor quadratic = ops::divide(ops::square(ops::add(x, 1.0)), 4.0);
  return ops::where(ops::less_equal(x, -1.0), 0.0,
                    ops::where(ops::greater_equal(x, 1.0), x, quadratic));
}

Tensor squareplus(const Tensor& x) { return squareplus(x, 4.0); }
Tensor squareplus(const Tensor& x, double b) {
  return ops::divide(ops::add(x, ops::sqrt(ops::add(ops::square(x), b))), 2.0);
}

Tensor tanh(const Tensor& x) { return ops::tanh(x); }
Tensor tanh_shrink(const Tensor& x) { return ops::subtract(x, ops::tanh(x)); }
Tensor hard_tanh(const Tensor& x) { return ops::clip(x, -1.0, 1.0); }

Tensor soft_shrink(const Tensor& x) { return soft_shrink(x, 0.5); }
Tensor soft_shrink(const Tensor& x, double threshold) {
  return ops::where(ops::greater(x, threshold), ops::subtract(x, threshold),
                    ops::where(ops::less(x, -threshold), ops::add(x, threshold), 0.0));
}

Tensor hard_shrink(const Tensor& x) { return hard_shrink(x, 0.5); }
Tensor hard_shrink(const Tensor& x, double threshold) {
  return ops::where(ops::greater(ops::abs(x), threshold), x, 0.0);
}

Tensor threshold(const Tensor& x, double threshold, double default_value) {
  return ops::where(ops::greater(x, threshold), x, default_value);
}

Tensor linear(const Tensor& x) { return x; }

namespace {
bool single_axis(const ops::Axes& axis) { return !axis.is_none() && axis.list().size() == 1; }
}  // namespace

// Several axes (or None) reduce jointly: exp(x - logsumexp(x, axes)), which is what Keras's
// transpose-reshape-softmax computes.
Tensor softmax(const Tensor& x) { return ops::softmax(x, -1); }
Tensor softmax(const Tensor& x, const ops::Axes& axis) {
  if (single_axis(axis)) return ops::softmax(x, axis.list()[0]);
  return ops::exp(ops::subtract(x, ops::logsumexp(x, axis, true)));
}

Tensor log_softmax(const Tensor& x) { return ops::log_softmax(x, -1); }
Tensor log_softmax(const Tensor& x, const ops::Axes& axis) {
  if (single_axis(axis)) return ops::log_softmax(x, axis.list()[0]);
  return ops::subtract(x, ops::logsumexp(x, axis, true));
}

// The support (which entries end up positive) is found with ops on the backend, without a
// sort: entry i is in it exactly when 1 + k_i x_i > s_i, where k_i counts the entries >= x_i and
// s_i sums them (the sorted-order test of Martins & Astudillo, which gives tied entries the
// same answer). The threshold is then recomputed from x with ops, so gradients see
// tau = (sum_{support} x - 1) / k and give the sparsemax Jacobian diag(s) - s s^T / k.
Tensor sparsemax(const Tensor& x) { return sparsemax(x, -1); }
Tensor sparsemax(const Tensor& x, int axis) {
  const int a = normalize_axis(axis, x.rank());
  Tensor support;
  {
    NoGrad no_grad;
    Tensor xi = ops::expand_dims(x, a + 1);  // x_i along axis a
    Tensor xj = ops::expand_dims(x, a);      // x_j along axis a + 1
    Tensor at_least = ops::cast(ops::greater_equal(xj, xi), x.dtype());
    Tensor k = ops::sum(at_least, a + 1);
    Tensor s = ops::sum(ops::multiply(at_least, xj), a + 1);
    support = ops::cast(ops::greater(ops::add(ops::multiply(k, x), 1.0), s), x.dtype());
  }
  Tensor k = ops::sum(support, a, true);
  Tensor tau = ops::divide(ops::subtract(ops::sum(ops::multiply(x, support), a, true), 1.0), k);
  return ops::maximum(ops::subtract(x, tau), 0.0);
}

}  // namespace keras::activations
