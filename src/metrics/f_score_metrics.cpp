#include "keras/metrics/f_score_metrics.hpp"

#include <sstream>

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::metrics {

namespace {

std::string number(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

}  // namespace

FBetaScoreImpl::FBetaScoreImpl(FBetaScoreOptions o)
    : Metric(std::move(o.name)),
      average_(std::move(o.average)),
      beta_(o.beta),
      threshold_(o.threshold) {
  if (average_ && *average_ != "micro" && *average_ != "macro" && *average_ != "weighted")
    throw ValueError(
        "Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', "
        "'weighted'}. Received: average=" +
        *average_);
  if (!(beta_ > 0.0))
    throw ValueError("Invalid `beta` argument value. It should be > 0. Received: beta=" +
                     number(beta_));
  if (threshold_ && !(*threshold_ > 0.0 && *threshold_ <= 1.0))
    throw ValueError(
        "Invalid `threshold` argument value. It should verify 0 < threshold <= 1. Received: "
        "threshold=" +
        number(*threshold_));
}

void FBetaScoreImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                  const Tensor& sample_weight) {
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Metric '" + name() + "': `y_true` and `y_pred` must be defined tensors");
  if (y_true.rank() != 2 || y_pred.rank() != 2)
    throw ValueError(
        class_name() +
        " expects 2D inputs with shape (batch_size, output_dim). Received input shapes: "
        "y_pred.shape=" +
        y_pred.shape().to_string() + " and y_true.shape=" + y_true.shape().to_string() + ".");
  const bool micro = average_ == "micro";
  if (!built_) {
    const Shape shape = micro ? Shape{} : Shape{y_pred.shape()[1]};
    true_positives_ = add_variable("true_positives", shape);
    false_positives_ = add_variable("false_positives", shape);
    false_negatives_ = add_variable("false_negatives", shape);
    intermediate_weights_ = add_variable("intermediate_weights", shape);
    built_ = true;
  }
  if (!micro && y_pred.shape()[1] != true_positives_.shape()[0])
    throw ValueError(class_name() + " was built for " + std::to_string(true_positives_.shape()[0]) +
                     " classes, received y_pred.shape=" + y_pred.shape().to_string());
  Tensor p = ops::cast(y_pred, DType::float32);
  if (threshold_) {
    p = ops::greater(p, scalar(*threshold_));
  } else {
    // Every entry equal to its row's maximum is positive, unless that maximum is ~0.
    p = ops::logical_and(ops::greater_equal(p, ops::max(p, {-1}, /*keepdims=*/true)),
                         ops::greater(ops::abs(p), scalar(1e-9)));
  }
  p = ops::cast(p, DType::float32);
  const Tensor t = ops::cast(y_true, DType::float32);
  // Keras sums over the batch only (one count per class) unless the average is "micro".
  Tensor w;
  if (sample_weight.defined()) w = ops::expand_dims(ops::cast(sample_weight, DType::float32), 1);
  auto weighted_sum = [&](const Tensor& v) {
    Tensor x = v;
    if (w.defined()) {
      try {
        x = ops::multiply(x, w);
      } catch (const ValueError&) {
        throw ValueError(
            class_name() + ": `sample_weight` of shape " + sample_weight.shape().to_string() +
            " must be one weight per sample of y_pred.shape=" + y_pred.shape().to_string());
      }
    }
    return micro ? ops::sum(x) : ops::sum(x, {0});
  };
  const Tensor one = scalar(1.0);
  auto accumulate = [&](Variable& var, const Tensor& v) {
    var.assign(ops::add(var.value(), weighted_sum(v)));
  };
  accumulate(true_positives_, ops::multiply(p, t));
  accumulate(false_positives_, ops::multiply(p, ops::subtract(one, t)));
  accumulate(false_negatives_, ops::multiply(ops::subtract(one, p), t));
  accumulate(intermediate_weights_, t);
}

Tensor FBetaScoreImpl::result() const {
  NoGrad no_grad;
  if (!built_)
    throw ValueError(class_name() +
                     ".result() needs at least one update_state call (its state is built "
                     "from the first batch's class count)");
  const Tensor eps = scalar(config::epsilon());
  const Tensor tp = true_positives_.value();
  const Tensor precision = ops::divide(tp, ops::add(ops::add(tp, false_positives_.value()), eps));
  const Tensor recall = ops::divide(tp, ops::add(ops::add(tp, false_negatives_.value()), eps));
  const Tensor beta2 = scalar(beta_ * beta_);
  const Tensor mean = ops::divide(ops::multiply(precision, recall),
                                  ops::add(ops::add(ops::multiply(beta2, precision), recall), eps));
  Tensor f = ops::multiply(mean, scalar(1.0 + beta_ * beta_));
  if (average_ == "weighted") {
    const Tensor iw = intermediate_weights_.value();
    f = ops::sum(ops::multiply(f, ops::divide(iw, ops::add(ops::sum(iw), eps))));
  } else if (average_) {
    f = ops::mean(f);
  }
  return f;
}

ConfigValue FBetaScoreImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["average"] = average_ ? ConfigValue(*average_) : ConfigValue();
  config["beta"] = beta_;
  config["threshold"] = threshold_ ? ConfigValue(*threshold_) : ConfigValue();
  return config;
}

F1ScoreImpl::F1ScoreImpl(F1ScoreOptions o)
    : FBetaScoreImpl({.average = std::move(o.average),
                      .beta = 1.0,
                      .threshold = o.threshold,
                      .name = std::move(o.name)}) {}

ConfigValue F1ScoreImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["average"] = average() ? ConfigValue(*average()) : ConfigValue();
  config["threshold"] = threshold() ? ConfigValue(*threshold()) : ConfigValue();
  return config;
}

}  // namespace keras::metrics
