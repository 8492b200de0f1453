// Keras's metrics_utils.update_confusion_matrix_variables and its bucketed variant, composed of
// plain ops so every backend runs them (the metrics are never differentiated).
#include "src/metrics/confusion_matrix.hpp"

#include <cmath>

#include "keras/core/autodiff.hpp"
#include "keras/core/config_value.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"
#include "keras/metrics/confusion_metrics.hpp"

namespace keras::metrics::detail {

namespace {

constexpr DType f32 = DType::float32;

// U[i][b] = 1 when b >= i: U @ per-bucket sums gives, for threshold i, the sum over every
// bucket above it (Keras's reversed cumsum).
Tensor upper_ones(std::int64_t n) {
  Tensor i = ops::reshape(ops::arange(n), Shape{n, 1});
  Tensor b = ops::reshape(ops::arange(n), Shape{1, n});
  return ops::cast(ops::greater_equal(b, i), f32);
}

// Keras's _filter_top_k: the k highest entries of each row (last axis) keep their value, the
// others become NEG_INF. Ties go to the lower index, as top_k orders them: an entry is in the
// top k when fewer than k entries are greater, or equal and before it (pairwise comparisons:
// (..., n, n) per call, fine for class counts, heavy for thousands of classes).
Tensor filter_top_k(const Tensor& x, int k, const std::string& metric) {
  if (x.rank() == 0)
    throw ValueError(metric + ": `top_k` needs y_pred of rank >= 1, received a scalar");
  const std::int64_t n = x.shape().dim(-1);
  if (k < 1)
    throw ValueError(metric + ": `top_k` must be >= 1, received top_k=" + std::to_string(k));
  if (k > n)
    throw ValueError(
        "k argument to top_k must be no larger than size along axis; got k=" + std::to_string(k) +
        " with shape=" + x.shape().to_string() + " and axis=" + std::to_string(x.rank() - 1));
  Tensor xi = ops::expand_dims(x, -1);  // (..., n, 1): the entry ranked
  Tensor xj = ops::expand_dims(x, -2);  // (..., 1, n): the entries it is compared with
  Tensor before = ops::less(ops::reshape(ops::arange(n), Shape{1, n}),
                            ops::reshape(ops::arange(n), Shape{n, 1}));  // j < i
  Tensor ahead =
      ops::logical_or(ops::greater(xj, xi), ops::logical_and(ops::equal(xj, xi), before));
  Tensor rank = ops::sum(ops::cast(ahead, DType::int32), -1);
  return ops::where(ops::less(rank, k), x, scalar(kNegInf, f32));
}

// The `column`-th entry of the last axis, kept as an axis of 1 (Keras's y[..., class_id, None]).
Tensor last_axis_column(const Tensor& x, int column, const std::string& metric) {
  const std::int64_t n = x.shape().dim(-1);
  if (column < -n || column >= n)
    throw ValueError(metric + ": class_id=" + std::to_string(column) +
                     " is out of range for y_pred of shape " + x.shape().to_string() + " (" +
                     std::to_string(n) + " classes)");
  std::vector<std::int64_t> start(static_cast<std::size_t>(x.rank()), 0);
  std::vector<std::int64_t> size(static_cast<std::size_t>(x.rank()), -1);
  start.back() = column < 0 ? column + n : column;
  size.back() = 1;
  return ops::slice(x, start, size);
}

Tensor broadcast_weight(const Tensor& w, const Shape& shape, const char* what, const Shape& given) {
  try {
    return ops::broadcast_to(w, shape);
  } catch (const ValueError&) {
    throw ValueError(std::string("`") + what + "` of shape " + given.to_string() +
                     " cannot be broadcast to y_pred's shape " + shape.to_string());
  }
}

// Per-threshold sums (thresholds, labels) of `true_w` and `false_w` (rows, labels): over the
// rows whose prediction is above each threshold (tp, fp), and over the others (fn, tn).
struct Counts {
  Tensor tp, fp, tn, fn;
};

// Keras's _update_confusion_matrix_variables_optimized: the evenly spaced thresholds make the
// highest threshold a prediction exceeds ceil(p * (n - 1)) - 1 (computed in float32, as Keras
// does, so ties at thresholds fall the same way); with the -epsilon/1+epsilon ends of AUC's
// thresholds, a prediction of 0 still exceeds the first. Bucket -1 exceeds none.
Counts bucketed_counts(const Tensor& pred, const Tensor& true_w, const Tensor& false_w,
                       std::int64_t n, bool with_epsilon) {
  const std::int64_t labels = pred.shape()[1];
  Tensor p = ops::clip(pred, 0.0, 1.0);
  Tensor bucket = ops::subtract(ops::ceil(ops::multiply(p, scalar(double(n - 1), f32))), 1.0);
  if (with_epsilon) bucket = ops::relu(bucket);
  bucket = ops::cast(bucket, DType::int32);
  // Segment sums over (bucket, label), dropping bucket -1 as Keras's segment_sum drops ids out
  // of range; then the reversed cumulative sum over buckets.
  Tensor valid = ops::greater_equal(bucket, 0);
  Tensor index = ops::add(ops::multiply(ops::where(valid, bucket, 0), static_cast<int>(labels)),
                          ops::reshape(ops::arange(labels), Shape{1, labels}));
  index = ops::reshape(index, Shape{-1});
  Tensor above = upper_ones(n);
  auto count = [&](const Tensor& w) {
    Tensor per_bucket = ops::scatter_add(ops::zeros(Shape{n * labels}, f32), index,
                                         ops::reshape(ops::where(valid, w, 0.0), Shape{-1}));
    return ops::matmul(above, ops::reshape(per_bucket, Shape{n, labels}));
  };
  Counts c{count(true_w), count(false_w), {}, {}};
  // fn and tn are what the positives and negatives left uncounted, as Keras computes them here.
  c.tn = ops::subtract(ops::sum(false_w, 0, /*keepdims=*/true), c.fp);
  c.fn = ops::subtract(ops::sum(true_w, 0, /*keepdims=*/true), c.tp);
  return c;
}

// The general route: each prediction compared with each threshold (strictly greater).
Counts compared_counts(const Tensor& pred, const Tensor& true_w, const Tensor& false_w,
                       const std::vector<double>& thresholds) {
  const auto n = static_cast<std::int64_t>(thresholds.size());
  Tensor th = ops::cast(tensor<double>(thresholds, Shape{n, 1, 1}), f32);
  Tensor is_pos = ops::greater(ops::expand_dims(pred, 0), th);  // (thresholds, rows, labels)
  auto count = [](const Tensor& mask, const Tensor& w) {
    return ops::sum(ops::multiply(ops::cast(mask, f32), ops::expand_dims(w, 0)), 1);
  };
  Tensor is_neg = ops::logical_not(is_pos);
  return {count(is_pos, true_w), count(is_pos, false_w), count(is_neg, false_w),
          count(is_neg, true_w)};
}

void add_to(const Variable& v, const Tensor& delta, const std::string& metric) {
  if (!v.defined()) return;
  if (v.shape() != delta.shape())
    throw ValueError(metric + ": the counts of this batch have shape " + delta.shape().to_string() +
                     " but the metric's variable '" + v.name() + "' has shape " +
                     v.shape().to_string() +
                     " (a different number of labels than the metric was built for?)");
  Variable(v).assign_add(delta);
}

}  // namespace

std::string float_list_repr(const std::vector<double>& values) {
  return ConfigValue::list_of(values).dump();
}

std::vector<double> parse_init_thresholds(const Thresholds& thresholds, double default_threshold) {
  if (!thresholds.given()) return {default_threshold};
  std::vector<double> invalid;
  for (double t : thresholds.values())
    if (t < 0 || t > 1) invalid.push_back(t);
  if (!invalid.empty())
    throw ValueError("Threshold values must be in [0, 1]. Received: " + float_list_repr(invalid));
  return thresholds.values();
}

bool is_evenly_distributed_thresholds(const std::vector<double>& thresholds) {
  const std::size_t n = thresholds.size();
  if (n < 3) return false;
  // numpy: arange(n, dtype=float32) / (n - 1) in float32, then allclose(rtol=1e-5, atol=1e-7).
  const float last = static_cast<float>(n - 1);
  for (std::size_t i = 0; i < n; ++i) {
    const float even = static_cast<float>(i) / last;
    if (!(std::abs(thresholds[i] - even) <= 1e-7 + 1e-5 * std::abs(double(even)))) return false;
  }
  return true;
}

void update_confusion_matrix_variables(const ConfusionVariables& variables, const Tensor& y_true,
                                       const Tensor& y_pred, const Tensor& sample_weight,
                                       const ConfusionUpdate& u) {
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError(u.metric + ": `y_true` and `y_pred` must be defined tensors");
  auto [pred, label] =
      losses::squeeze_or_expand_to_same_rank(ops::cast(y_pred, f32), ops::cast(y_true, f32));
  if (pred.shape() != label.shape())
    throw ValueError(u.metric + ": `y_true` and `y_pred` must have the same shape. Received: " +
                     "y_true.shape=" + y_true.shape().to_string() +
                     ", y_pred.shape=" + y_pred.shape().to_string());
  Tensor weight;
  if (sample_weight.defined()) {
    weight = ops::expand_dims(ops::cast(sample_weight, f32), -1);
    weight = losses::squeeze_or_expand_to_same_rank(label, weight, /*expand_rank_1=*/false).second;
  }
  if (u.top_k) pred = filter_top_k(pred, *u.top_k, u.metric);
  if (u.class_id) {
    if (pred.rank() < 2)
      throw ValueError(
          "When class_id is provided, y_pred must be a 2D array with shape (num_samples, "
          "num_classes), found shape: " +
          pred.shape().to_string());
    label = last_axis_column(label, *u.class_id, u.metric);
    pred = last_axis_column(pred, *u.class_id, u.metric);
  }
  if (u.multi_label && pred.rank() != 2)
    throw ValueError(u.metric + ": `y_pred` must have rank 2 when `multi_label=True`. Found rank " +
                     std::to_string(pred.rank()));
  if (weight.defined())
    weight = broadcast_weight(weight, pred.shape(), "sample_weight", sample_weight.shape());
  if (u.label_weights.defined()) {
    Tensor lw = broadcast_weight(ops::expand_dims(ops::cast(u.label_weights, f32), 0), pred.shape(),
                                 "label_weights", u.label_weights.shape());
    weight = weight.defined() ? ops::multiply(weight, lw) : lw;
  }

  // Rows x labels: every prediction is a row of one label unless multi_label.
  const Shape rows = u.multi_label ? pred.shape() : Shape{pred.size(), 1};
  pred = ops::reshape(pred, rows);
  label = ops::reshape(ops::cast(ops::cast(label, DType::bool_), f32), rows);
  Tensor true_w = label, false_w = ops::subtract(1.0, label);
  if (weight.defined()) {
    weight = ops::reshape(weight, rows);
    true_w = ops::multiply(true_w, weight);
    false_w = ops::multiply(false_w, weight);
  }

  const auto& th = u.thresholds;
  Counts c = u.thresholds_distributed_evenly
                 ? bucketed_counts(pred, true_w, false_w, static_cast<std::int64_t>(th.size()),
                                   th.front() < 0.0 || th.back() > 1.0)
                 : compared_counts(pred, true_w, false_w, th);
  // (thresholds, labels) counts; one count per threshold unless multi_label.
  auto per_variable = [&](const Tensor& t) {
    return u.multi_label ? t : ops::reshape(t, Shape{t.shape()[0]});
  };
  add_to(variables.true_positives, per_variable(c.tp), u.metric);
  add_to(variables.false_positives, per_variable(c.fp), u.metric);
  add_to(variables.true_negatives, per_variable(c.tn), u.metric);
  add_to(variables.false_negatives, per_variable(c.fn), u.metric);
}

}  // namespace keras::metrics::detail
