#include "keras/metrics/regression_metrics.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/cosine_similarity.hpp"
#include "keras/losses/log_cosh.hpp"
#include "keras/losses/mean_absolute_error.hpp"
#include "keras/losses/mean_absolute_percentage_error.hpp"
#include "keras/losses/mean_squared_error.hpp"
#include "keras/losses/mean_squared_logarithmic_error.hpp"
#include "keras/losses/reduction.hpp"

namespace keras::metrics {

MeanSquaredErrorImpl::MeanSquaredErrorImpl(MeanSquaredErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_squared_error, std::move(o.name)) {}

MeanAbsoluteErrorImpl::MeanAbsoluteErrorImpl(MeanAbsoluteErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_absolute_error, std::move(o.name)) {}

MeanAbsolutePercentageErrorImpl::MeanAbsolutePercentageErrorImpl(
    MeanAbsolutePercentageErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_absolute_percentage_error, std::move(o.name)) {}

MeanSquaredLogarithmicErrorImpl::MeanSquaredLogarithmicErrorImpl(
    MeanSquaredLogarithmicErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_squared_logarithmic_error, std::move(o.name)) {}

LogCoshErrorImpl::LogCoshErrorImpl(LogCoshErrorOptions o)
    : MeanMetricWrapperImpl(losses::log_cosh, std::move(o.name)) {}

// Keras's metric normalizes exactly as the loss does but keeps the sign: the loss negated.
CosineSimilarityImpl::CosineSimilarityImpl(CosineSimilarityOptions o)
    : MeanMetricWrapperImpl(
          [axis = o.axis](const Tensor& y_true, const Tensor& y_pred) {
            return ops::negative(losses::cosine_similarity(y_true, y_pred, axis));
          },
          std::move(o.name)),
      axis_(o.axis) {}

RootMeanSquaredErrorImpl::RootMeanSquaredErrorImpl(RootMeanSquaredErrorOptions o)
    : MeanImpl({.name = std::move(o.name)}) {}

void RootMeanSquaredErrorImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                            const Tensor& sample_weight) {
  NoGrad no_grad;
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(ops::cast(y_true, DType::float32),
                                                       ops::cast(y_pred, DType::float32));
  MeanImpl::update_state(ops::square(ops::subtract(p, t)), sample_weight);
}

Tensor RootMeanSquaredErrorImpl::result() const { return ops::sqrt(MeanImpl::result()); }

R2ScoreImpl::R2ScoreImpl(R2ScoreOptions o)
    : Metric(std::move(o.name)),
      class_aggregation_(std::move(o.class_aggregation)),
      num_regressors_(o.num_regressors) {
  if (class_aggregation_ && *class_aggregation_ != "uniform_average" &&
      *class_aggregation_ != "variance_weighted_average")
    throw ValueError(
        "Invalid value for argument `class_aggregation`. Expected one of (None, "
        "'uniform_average', 'variance_weighted_average'). Received: class_aggregation=" +
        *class_aggregation_);
  if (num_regressors_ < 0)
    throw ValueError(
        "Invalid value for argument `num_regressors`. Expected a value >= 0. Received: "
        "num_regressors=" +
        std::to_string(num_regressors_));
  num_samples_ = add_variable("num_samples");
}

void R2ScoreImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                               const Tensor& sample_weight) {
  NoGrad no_grad;
  auto [t, p] = losses::squeeze_or_expand_to_same_rank(ops::cast(y_true, DType::float32),
                                                       ops::cast(y_pred, DType::float32));
  if (t.rank() != 2 || p.rank() != 2 || t.shape() != p.shape())
    throw ValueError(
        "R2Score expects 2D inputs with shape (batch_size, output_dim), the same for both. "
        "Received input shapes: y_pred.shape=" +
        p.shape().to_string() + " and y_true.shape=" + t.shape().to_string() + ".");
  const std::int64_t outputs = p.shape()[1];
  // Keras builds the per-output sums on the first update, once the output dim is known.
  if (!built_) {
    squared_sum_ = add_variable("squared_sum", Shape{outputs});
    sum_ = add_variable("sum", Shape{outputs});
    residual_ = add_variable("residual", Shape{outputs});
    count_ = add_variable("count", Shape{outputs});
    built_ = true;
  } else if (sum_.shape()[0] != outputs) {
    throw ValueError("R2Score was built for output_dim " + std::to_string(sum_.shape()[0]) +
                     ", received y_pred.shape=" + p.shape().to_string());
  }
  Tensor w = sample_weight.defined() ? ops::cast(sample_weight, DType::float32)
                                     : scalar(1.0, DType::float32);
  if (w.rank() == 1) w = ops::expand_dims(w, 1);
  try {
    w = ops::broadcast_to(w, t.shape());
  } catch (const ValueError&) {
    throw ValueError("R2Score: `sample_weight` of shape " + sample_weight.shape().to_string() +
                     " cannot be broadcast to y_true's shape " + t.shape().to_string());
  }
  const Tensor weighted = ops::multiply(t, w);
  sum_.assign(ops::add(sum_.value(), ops::sum(weighted, {0})));
  squared_sum_.assign(ops::add(squared_sum_.value(), ops::sum(ops::multiply(t, weighted), {0})));
  residual_.assign(ops::add(residual_.value(),
                            ops::sum(ops::multiply(ops::square(ops::subtract(t, p)), w), {0})));
  count_.assign(ops::add(count_.value(), ops::sum(w, {0})));
  num_samples_.assign(ops::add(num_samples_.value(),
                               scalar(static_cast<double>(t.shape().size()), DType::float32)));
}

Tensor R2ScoreImpl::result() const {
  NoGrad no_grad;
  if (!built_)
    throw ValueError(
        "R2Score.result() needs at least one update_state call (its per-output "
        "state is built from the first batch's shape)");
  const Tensor mean = ops::divide(sum_.value(), count_.value());
  const Tensor total = ops::subtract(squared_sum_.value(), ops::multiply(sum_.value(), mean));
  Tensor raw = ops::subtract(scalar(1.0), ops::divide(residual_.value(), total));
  // A constant output (total 0) scores 0 rather than -inf; 0/0 stays NaN, as in Keras.
  raw = ops::where(ops::isinf(raw), scalar(0.0), raw);
  Tensor score = raw;
  if (class_aggregation_ == "uniform_average") {
    score = ops::mean(raw);
  } else if (class_aggregation_ == "variance_weighted_average") {
    score = ops::divide(ops::sum(ops::multiply(total, raw)), ops::sum(total));
  }
  if (num_regressors_ != 0) {
    // Keras warns and keeps the plain score when n - 1 <= p; we keep it silently.
    const double n = num_samples_.value().item<float>();
    const double p = num_regressors_;
    if (p < n - 1) {
      const Tensor num = ops::multiply(ops::subtract(scalar(1.0), score), scalar(n - 1.0));
      score = ops::subtract(scalar(1.0), ops::divide(num, scalar(n - p - 1.0)));
    }
  }
  return score;
}

ConfigValue R2ScoreImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["class_aggregation"] =
      class_aggregation_ ? ConfigValue(*class_aggregation_) : ConfigValue();
  config["num_regressors"] = num_regressors_;
  return config;
}

}  // namespace keras::metrics
