// The accuracy functions of keras/src/metrics/accuracy_metrics.py.
#include <algorithm>
#include <limits>

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"
#include "keras/metrics/accuracy_metrics.hpp"

#include "src/core/ops/detail.hpp"

namespace keras::metrics {

namespace {

DType floatx() { return dtype_from_name(config::floatx()); }

Tensor matches(const Tensor& a, const Tensor& b) { return ops::cast(ops::equal(a, b), floatx()); }

void check_rank(const char* fn, const Tensor& y_pred, int min_rank) {
  if (y_pred.rank() < min_rank)
    throw ValueError(std::string(fn) + ": `y_pred` must have rank >= " + std::to_string(min_rank) +
                     " (..., num_classes). Received: y_pred.shape=" + y_pred.shape().to_string());
}

// Keras's in_top_k: the target's score ranks among the k highest (NaN scores never do).
Tensor in_top_k(const Tensor& targets, const Tensor& predictions, int k) {
  const std::int64_t classes = predictions.shape().dim(-1);
  if (auto t = ops::detail::first_out_of_range(targets, classes))
    throw ValueError("top_k accuracy: label " + std::to_string(*t) + " is out of range for " +
                     std::to_string(classes) + " classes (valid range [0, " +
                     std::to_string(classes) + "))");
  Tensor at_label = ops::take_along_axis(predictions, ops::expand_dims(targets, -1), -1);
  at_label = ops::where(ops::isnan(at_label), -std::numeric_limits<double>::infinity(), at_label);
  Tensor rank =
      ops::add(ops::sum(ops::cast(ops::greater(predictions, at_label), DType::int32), -1), 1);
  return ops::less_equal(rank, k);
}

}  // namespace

Tensor accuracy(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  return matches(t, p);
}

Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred) {
  return binary_accuracy(y_true, y_pred, 0.5);
}

Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred, double threshold) {
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(y_true, y_pred);
  return matches(t, ops::cast(ops::greater(p, threshold), t.dtype()));
}

Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
  check_rank("categorical_accuracy", y_pred, 1);
  Tensor t = ops::cast(ops::argmax(y_true, -1), y_pred.dtype());
  const Shape original = t.shape();
  const bool reshape_matches = t.rank() == y_pred.rank();
  if (reshape_matches) t = ops::squeeze(t, -1);
  Tensor m = matches(t, ops::cast(ops::argmax(y_pred, -1), t.dtype()));
  return reshape_matches ? ops::reshape(m, original) : m;
}

Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
  check_rank("sparse_categorical_accuracy", y_pred, 1);
  Tensor t = ops::cast(y_true, y_pred.dtype());
  const Shape original = t.shape();
  const bool reshape_matches = t.rank() == y_pred.rank() && t.rank() > 0 && t.shape().dim(-1) == 1;
  if (reshape_matches) t = ops::squeeze(t, -1);
  Tensor m = matches(t, ops::cast(ops::argmax(y_pred, -1), t.dtype()));
  if (reshape_matches) m = ops::reshape(m, original);
  if (m.rank() > 1 && m.shape().dim(-1) == 1) m = ops::squeeze(m, -1);
  return m;
}

Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
  return top_k_categorical_accuracy(y_true, y_pred, 5);
}

Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k) {
  check_rank("top_k_categorical_accuracy", y_pred, 2);
  Tensor t = ops::argmax(ops::cast(y_true, y_pred.dtype()), -1);
  Tensor p = y_pred;
  const Shape original = t.shape();
  if (p.rank() > 2) p = ops::reshape(p, Shape{-1, p.shape().dim(-1)});
  const bool reshape_matches = t.rank() > 1;
  if (reshape_matches) t = ops::reshape(t, Shape{-1});
  Tensor m = ops::cast(in_top_k(ops::cast(t, DType::int32), p, k), floatx());
  return reshape_matches ? ops::reshape(m, original) : m;
}

Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred) {
  return sparse_top_k_categorical_accuracy(y_true, y_pred, 5);
}

Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k,
                                         bool from_sorted_ids) {
  check_rank("sparse_top_k_categorical_accuracy", y_pred, 2);
  Tensor t = ops::cast(y_true, from_sorted_ids ? y_pred.dtype() : DType::int32);
  Tensor p = y_pred;
  const Shape original = t.shape();
  if (p.rank() > 2) p = ops::reshape(p, Shape{-1, p.shape().dim(-1)});
  const bool reshape_matches = t.rank() > 1;
  if (reshape_matches) t = ops::reshape(t, Shape{-1});
  Tensor m;
  if (from_sorted_ids) {
    const std::int64_t n = std::min<std::int64_t>(k, p.shape().dim(-1));
    Tensor top = ops::slice(p, {0, 0}, {p.shape()[0], n});
    m = ops::any(ops::equal(ops::expand_dims(t, 1), top), 1);
  } else {
    m = in_top_k(t, p, k);
  }
  m = ops::cast(m, floatx());
  return reshape_matches ? ops::reshape(m, original) : m;
}

}  // namespace keras::metrics
