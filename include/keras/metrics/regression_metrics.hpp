#pragma once
// keras.metrics regression metrics (keras/src/metrics/regression_metrics.py): running means of
// the regression loss functions, RootMeanSquaredError, CosineSimilarity and R2Score.
#include <optional>

#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

KERAS_MEAN_METRIC_OF_FUNCTION(MeanSquaredError, "mean_squared_error");
KERAS_MEAN_METRIC_OF_FUNCTION(MeanAbsoluteError, "mean_absolute_error");
KERAS_MEAN_METRIC_OF_FUNCTION(MeanAbsolutePercentageError, "mean_absolute_percentage_error");
KERAS_MEAN_METRIC_OF_FUNCTION(MeanSquaredLogarithmicError, "mean_squared_logarithmic_error");
// Keras names it "logcosh" (the function is losses::log_cosh).
KERAS_MEAN_METRIC_OF_FUNCTION(LogCoshError, "logcosh");

// The running mean of the cosine similarity along `axis` (positive, unlike the loss). Keras
// 3.15.1 saves only name and dtype, so `axis` does not survive a config round trip.
struct CosineSimilarityOptions {
  std::string name = "cosine_similarity";
  int axis = -1;
};
class CosineSimilarityImpl : public MeanMetricWrapperImpl {
 public:
  using Options = CosineSimilarityOptions;
  explicit CosineSimilarityImpl(CosineSimilarityOptions options = {});
  std::string class_name() const override { return "CosineSimilarity"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
  int axis() const { return axis_; }

 private:
  int axis_;
};
KERAS_HANDLE(CosineSimilarity);

// sqrt of the running (weighted) mean of squared errors. State: `total`, `count` (as Mean).
struct RootMeanSquaredErrorOptions {
  std::string name = "root_mean_squared_error";
};
class RootMeanSquaredErrorImpl : public MeanImpl {
 public:
  using Options = RootMeanSquaredErrorOptions;
  explicit RootMeanSquaredErrorImpl(RootMeanSquaredErrorOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  // RMSE needs (y_true, y_pred): TypeError, as Metric's.
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  Tensor result() const override;
  std::string class_name() const override { return "RootMeanSquaredError"; }
};
KERAS_HANDLE(RootMeanSquaredError);

// The coefficient of determination over (batch, outputs) inputs. class_aggregation is
// "uniform_average", "variance_weighted_average" or none (std::nullopt: one score per output);
// num_regressors > 0 gives the adjusted R2 (falling back to plain R2 when there are not more
// data points than regressors + 1, as Keras does). State: `num_samples` from the start, then
// `squared_sum`, `sum`, `residual`, `count` of shape (outputs,), made by the first update.
struct R2ScoreOptions {
  std::optional<std::string> class_aggregation = "uniform_average";
  int num_regressors = 0;
  std::string name = "r2_score";
};
class R2ScoreImpl : public Metric {
 public:
  using Options = R2ScoreOptions;
  explicit R2ScoreImpl(R2ScoreOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  using Metric::update_state;
  Tensor result() const override;
  std::string class_name() const override { return "R2Score"; }
  // name, dtype, class_aggregation, num_regressors.
  ConfigValue get_config() const override;

 private:
  std::optional<std::string> class_aggregation_;
  int num_regressors_;
  Variable num_samples_, squared_sum_, sum_, residual_, count_;
  bool built_ = false;
};
KERAS_HANDLE(R2Score);

}  // namespace keras::metrics
