// keras.metrics.AUC (keras/src/metrics/confusion_metrics.py): the four counts at thresholds
// spanning [-epsilon, 1 + epsilon], and the area under the chosen curve as a Riemann sum.
#include <algorithm>

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"
#include "keras/metrics/confusion_metrics.hpp"
#include "src/metrics/confusion_matrix.hpp"

namespace keras::metrics {

namespace {

constexpr DType f32 = DType::float32;

// Keras's AUCCurve.from_str and AUCSummationMethod.from_str: the canonical value for the
// spellings they accept.
std::string curve_from_str(const std::string& key) {
  if (key == "pr" || key == "PR") return "PR";
  if (key == "roc" || key == "ROC") return "ROC";
  if (key == "prgain" || key == "PRGAIN") return "PRGAIN";
  throw ValueError("Invalid AUC curve value: \"" + key +
                   "\". Expected values are [\"PR\", \"ROC\", \"PRGAIN\"]");
}

std::string summation_from_str(const std::string& key) {
  if (key == "interpolation" || key == "Interpolation") return "interpolation";
  if (key == "majoring" || key == "Majoring") return "majoring";
  if (key == "minoring" || key == "Minoring") return "minoring";
  throw ValueError("Invalid AUC summation method value: \"" + key +
                   "\". Expected values are [\"interpolation\", \"majoring\", \"minoring\"]");
}

// Rows [from, from + count) of a (thresholds[, labels]) count.
Tensor rows(const Tensor& x, std::int64_t from, std::int64_t count) {
  std::vector<std::int64_t> start(static_cast<std::size_t>(x.rank()), 0);
  std::vector<std::int64_t> size(static_cast<std::size_t>(x.rank()), -1);
  start[0] = from;
  size[0] = count;
  return ops::slice(x, start, size);
}

}  // namespace

AUCImpl::AUCImpl(AUCOptions o) : Metric(o.name), options_(o) {
  curve_ = curve_from_str(o.curve);
  summation_method_ = summation_from_str(o.summation_method);
  std::vector<double> inner;
  if (o.thresholds) {
    inner = *o.thresholds;
    std::sort(inner.begin(), inner.end());
    num_thresholds_ = static_cast<int>(inner.size()) + 2;
    std::vector<double> with_ends{0.0};
    with_ends.insert(with_ends.end(), inner.begin(), inner.end());
    with_ends.push_back(1.0);
    evenly_ = detail::is_evenly_distributed_thresholds(with_ends);
  } else {
    if (o.num_thresholds <= 1)
      throw ValueError(
          "Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=" +
          std::to_string(o.num_thresholds));
    num_thresholds_ = o.num_thresholds;
    for (int i = 0; i < num_thresholds_ - 2; ++i)
      inner.push_back((i + 1) * 1.0 / (num_thresholds_ - 1));
    evenly_ = true;
  }
  // The end thresholds lie epsilon outside [0, 1] so that predictions of exactly 0 and 1 fall
  // inside, despite rounding.
  const double eps = config::epsilon();
  thresholds_.push_back(0.0 - eps);
  thresholds_.insert(thresholds_.end(), inner.begin(), inner.end());
  thresholds_.push_back(1.0 + eps);
  if (o.label_weights) {
    const auto n = static_cast<std::int64_t>(o.label_weights->size());
    label_weights_ = ops::cast(tensor<double>(*o.label_weights, Shape{n}), f32);
  }
  if (o.multi_label) {
    if (o.num_labels && *o.num_labels != 0) build(Shape{-1, *o.num_labels});
  } else {
    if (o.num_labels && *o.num_labels != 0)
      throw ValueError("`num_labels` is needed only when `multi_label` is True.");
    build(Shape{});
  }
}

void AUCImpl::build(const Shape& y_pred_shape) {
  Shape shape{num_thresholds_};
  if (options_.multi_label) {
    if (y_pred_shape.rank() != 2)
      throw ValueError("`y_pred` must have rank 2 when `multi_label=True`. Found rank " +
                       std::to_string(y_pred_shape.rank()) +
                       ". Full shape received for `y_pred`: " + y_pred_shape.to_string());
    shape = Shape{num_thresholds_, y_pred_shape[1]};
  }
  true_positives_ = add_variable("true_positives", shape);
  false_positives_ = add_variable("false_positives", shape);
  true_negatives_ = add_variable("true_negatives", shape);
  false_negatives_ = add_variable("false_negatives", shape);
  built_ = true;
}

void AUCImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                           const Tensor& sample_weight) {
  NoGrad no_grad;
  if (!y_pred.defined()) throw ValueError("AUC: `y_pred` must be a defined tensor");
  if (!built_) build(y_pred.shape());
  Tensor pred = options_.from_logits ? ops::sigmoid(y_pred) : y_pred;
  // With multi_label the label weights average the per-label AUCs in result() instead.
  detail::update_confusion_matrix_variables(
      {true_positives_, false_positives_, true_negatives_, false_negatives_}, y_true, pred,
      sample_weight,
      {.thresholds = thresholds_,
       .thresholds_distributed_evenly = evenly_,
       .multi_label = options_.multi_label,
       .label_weights = options_.multi_label ? Tensor() : label_weights_,
       .metric = "AUC"});
}

Tensor AUCImpl::average(const Tensor& terms) const {
  if (!options_.multi_label) return ops::sum(terms);
  Tensor by_label = ops::sum(terms, 0);
  if (!label_weights_.defined()) return ops::mean(by_label);
  return losses::divide_no_nan(ops::sum(ops::multiply(by_label, label_weights_)),
                               ops::sum(label_weights_));
}

// Davis & Goadrich's interpolation of the PR curve between thresholds, as Keras computes it:
// precision varies along each segment as tp over the predicted positives p.
Tensor AUCImpl::interpolate_pr_auc() const {
  const std::int64_t n = num_thresholds_;
  Tensor tp = true_positives_.value();
  Tensor tp_lo = rows(tp, 0, n - 1), tp_hi = rows(tp, 1, n - 1);
  Tensor p = ops::add(tp, false_positives_.value());
  Tensor p_lo = rows(p, 0, n - 1), p_hi = rows(p, 1, n - 1);
  Tensor dtp = ops::subtract(tp_lo, tp_hi);
  Tensor dp = ops::subtract(p_lo, p_hi);
  Tensor prec_slope = losses::divide_no_nan(dtp, ops::maximum(dp, 0.0));
  Tensor intercept = ops::subtract(tp_hi, ops::multiply(prec_slope, p_hi));
  Tensor safe_p_ratio =
      ops::where(ops::logical_and(ops::greater(p_lo, 0.0), ops::greater(p_hi, 0.0)),
                 losses::divide_no_nan(p_lo, ops::maximum(p_hi, 0.0)), ops::ones_like(p_hi));
  Tensor fn_hi = rows(false_negatives_.value(), 1, n - 1);
  Tensor increment = losses::divide_no_nan(
      ops::multiply(prec_slope, ops::add(dtp, ops::multiply(intercept, ops::log(safe_p_ratio)))),
      ops::maximum(ops::add(tp_hi, fn_hi), 0.0));
  return average(increment);
}

Tensor AUCImpl::result() const {
  NoGrad no_grad;
  if (!built_) return scalar(0.0);  // multi_label without num_labels, before any update
  if (curve_ == "PR" && summation_method_ == "interpolation") return interpolate_pr_auc();
  Tensor tp = true_positives_.value(), fp = false_positives_.value();
  Tensor tn = true_negatives_.value(), fn = false_negatives_.value();
  Tensor recall = losses::divide_no_nan(tp, ops::add(tp, fn));
  Tensor x, y;
  if (curve_ == "ROC") {
    x = losses::divide_no_nan(fp, ops::add(fp, tn));
    y = recall;
  } else if (curve_ == "PR") {
    x = recall;
    y = losses::divide_no_nan(tp, ops::add(tp, fp));
  } else {
    // PRGAIN: recall and precision gains with Keras's fixes for no true positives (gains 0
    // and 1) and for a recall below the positives' share (gain 0).
    Tensor scaling = losses::divide_no_nan(ops::add(tp, fn), ops::add(tn, fp));
    Tensor no_tp = ops::equal(tp, 0.0);
    Tensor recall_gain = ops::subtract(1.0, ops::multiply(scaling, losses::divide_no_nan(fn, tp)));
    Tensor precision_gain =
        ops::subtract(1.0, ops::multiply(scaling, losses::divide_no_nan(fp, tp)));
    x = ops::maximum(ops::where(no_tp, 0.0, recall_gain), 0.0);
    y = ops::where(no_tp, 1.0, precision_gain);
  }
  const std::int64_t n = num_thresholds_;
  Tensor y_lo = rows(y, 0, n - 1), y_hi = rows(y, 1, n - 1);
  Tensor heights = summation_method_ == "interpolation" ? ops::divide(ops::add(y_lo, y_hi), 2.0)
                   : summation_method_ == "minoring"    ? ops::minimum(y_lo, y_hi)
                                                        : ops::maximum(y_lo, y_hi);
  return average(ops::multiply(ops::subtract(rows(x, 0, n - 1), rows(x, 1, n - 1)), heights));
}

void AUCImpl::reset_state() {
  if (built_) Metric::reset_state();
}

ConfigValue AUCImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["num_thresholds"] = num_thresholds_;
  config["curve"] = curve_;
  config["summation_method"] = summation_method_;
  config["multi_label"] = options_.multi_label;
  config["num_labels"] = options_.num_labels ? ConfigValue(*options_.num_labels) : ConfigValue();
  ConfigValue weights;
  if (label_weights_.defined()) {
    // As Keras serializes a tensor in a config: its float32 values and dtype.
    ConfigValue values = ConfigValue::list();
    for (float w : label_weights_.to_vector<float>()) values.push_back(static_cast<double>(w));
    weights =
        ConfigValue::Dict{{"class_name", "__tensor__"},
                          {"config", ConfigValue::Dict{{"value", values}, {"dtype", "float32"}}}};
  }
  config["label_weights"] = weights;
  config["from_logits"] = options_.from_logits;
  if (options_.thresholds)
    config["thresholds"] =
        ConfigValue::list_of(std::vector<double>(thresholds_.begin() + 1, thresholds_.end() - 1));
  return config;
}

}  // namespace keras::metrics
