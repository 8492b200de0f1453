// The crossentropy primitives of keras.ops, as Keras 3's JAX backend computes them. They are
// composed of differentiable ops, so their gradients (including the clip's zero gradient
// outside [epsilon, 1 - epsilon]) come from autodiff and match jax.grad.
#include <algorithm>
#include <string>

#include "keras/core/config.hpp"
#include "src/core/ops/detail.hpp"

namespace keras::ops {

namespace {

std::string shapes(const Tensor& target, const Tensor& output) {
  return "target.shape=" + target.shape().to_string() +
         ", output.shape=" + output.shape().to_string();
}

// log(probabilities) along `axis`: log_softmax of logits, or the log of the output renormalised
// to sum to 1 and clipped away from 0 and 1 (Keras does both so that log never sees 0).
Tensor log_probabilities(const Tensor& output, int axis, bool from_logits) {
  if (from_logits) return log_softmax(output, axis);
  const double eps = config::epsilon();
  Tensor p = divide(output, sum(output, axis, true));
  return log(clip(p, eps, 1.0 - eps));
}

}  // namespace

Tensor categorical_crossentropy(const Tensor& target, const Tensor& output, bool from_logits,
                                int axis) {
  const std::string op = "categorical_crossentropy";
  if (target.shape() != output.shape())
    throw ValueError(op + ": arguments `target` and `output` must have the same shape; received " +
                     shapes(target, output));
  if (output.rank() < 1)
    throw ValueError(op + ": arguments `target` and `output` must be at least rank 1; received " +
                     shapes(target, output));
  const int a = normalize_axis(axis, output.rank(), "categorical_crossentropy axis");
  const DType t = detail::float_dtype(detail::result_type(target, output));
  Tensor log_prob = log_probabilities(cast(output, t), a, from_logits);
  return negative(sum(multiply(cast(target, t), log_prob), a));
}

Tensor sparse_categorical_crossentropy(const Tensor& target, const Tensor& output, bool from_logits,
                                       int axis) {
  const std::string op = "sparse_categorical_crossentropy";
  if (output.rank() < 1)
    throw ValueError(op + ": argument `output` must be at least rank 1; received output.shape=" +
                     output.shape().to_string());
  const int a = normalize_axis(axis, output.rank(), "sparse_categorical_crossentropy axis");
  // Keras casts the labels to int32 (truncating floats) and drops a trailing size-1 axis.
  Tensor labels = cast(target, DType::int32);
  if (labels.rank() == output.rank() && labels.rank() > 0 && labels.shape().dim(-1) == 1)
    labels = squeeze(labels, -1);
  // Keras compares with output.shape[:-1]; removing `axis` is the same for the default -1.
  std::vector<std::int64_t> expected = output.shape().dims();
  expected.erase(expected.begin() + a);
  if (labels.shape() != Shape(expected))
    throw ValueError(op +
                     ": arguments `target` and `output` must have the same shape except "
                     "for the class axis " +
                     std::to_string(axis) + "; received " + shapes(target, output));
  // JAX's one_hot silently gives a zero loss for an out-of-range label; reject it instead of
  // hiding the bug (checked on the backend: one boolean comes back to the host).
  const std::int64_t classes = output.shape()[a];
  if (auto v = detail::first_out_of_range(labels, classes))
    throw ValueError(op + ": target value " + std::to_string(*v) + " is out of range for " +
                     std::to_string(classes) + " classes (valid range [0, " +
                     std::to_string(classes) + ")); received " + shapes(target, output));
  const DType t = detail::float_dtype(output.dtype());
  Tensor log_prob = log_probabilities(cast(output, t), a, from_logits);
  // one_hot(labels) along `axis`, by comparing with a class index shaped to broadcast there.
  std::vector<std::int64_t> class_shape(static_cast<std::size_t>(output.rank()), 1);
  class_shape[static_cast<std::size_t>(a)] = classes;
  Tensor class_ids =
      reshape(arange(0.0, static_cast<double>(classes), 1.0, DType::int32), Shape(class_shape));
  Tensor one_hot = cast(equal(expand_dims(labels, a), class_ids), t);
  return negative(sum(multiply(one_hot, log_prob), a));
}

Tensor binary_crossentropy(const Tensor& target, const Tensor& output, bool from_logits) {
  if (target.shape() != output.shape())
    throw ValueError(
        "binary_crossentropy: arguments `target` and `output` must have the same "
        "shape; received " +
        shapes(target, output));
  const DType t = detail::float_dtype(detail::result_type(target, output));
  Tensor y = cast(target, t), o = cast(output, t);
  if (from_logits) {
    // -y*log_sigmoid(x) - (1-y)*log_sigmoid(-x) with log_sigmoid(x) = -softplus(-x); the
    // softplus kernel is stable for large |x|, so no overflow for extreme logits.
    return add(multiply(y, softplus(negative(o))), multiply(subtract(1.0, y), softplus(o)));
  }
  const double eps = config::epsilon();
  Tensor p = clip(o, eps, 1.0 - eps);
  return negative(add(multiply(y, log(p)), multiply(subtract(1.0, y), log(subtract(1.0, p)))));
}

}  // namespace keras::ops
