#pragma once
// keras.metrics.FBetaScore and F1Score (keras/src/metrics/f_score_metrics.py) over
// (batch, classes) inputs: per-class (or, with average "micro", pooled) precision and recall of
// the thresholded predictions, combined as (1 + beta^2) * P * R / (beta^2 * P + R).
#include <optional>

#include "keras/metrics/metric.hpp"

namespace keras::metrics {

// average: std::nullopt (one score per class), "micro", "macro" or "weighted" (by each class's
// share of the true labels). threshold: predictions above it count as positive; without one,
// each row's maximum does (several on ties), unless it is ~0. beta > 0.
// State, made by the first update from y_pred's class count (scalars for "micro"):
// `true_positives`, `false_positives`, `false_negatives`, `intermediate_weights`.
struct FBetaScoreOptions {
  std::optional<std::string> average = std::nullopt;
  double beta = 1.0;
  std::optional<double> threshold = std::nullopt;
  std::string name = "fbeta_score";
};
class FBetaScoreImpl : public Metric {
 public:
  using Options = FBetaScoreOptions;
  explicit FBetaScoreImpl(FBetaScoreOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  using Metric::update_state;
  Tensor result() const override;
  std::string class_name() const override { return "FBetaScore"; }
  // name, dtype, average, beta, threshold.
  ConfigValue get_config() const override;
  const std::optional<std::string>& average() const { return average_; }
  double beta() const { return beta_; }
  const std::optional<double>& threshold() const { return threshold_; }

 private:
  std::optional<std::string> average_;
  double beta_;
  std::optional<double> threshold_;
  bool built_ = false;
  Variable true_positives_, false_positives_, false_negatives_, intermediate_weights_;
};
KERAS_HANDLE(FBetaScore);

struct F1ScoreOptions {
  std::optional<std::string> average = std::nullopt;
  std::optional<double> threshold = std::nullopt;
  std::string name = "f1_score";
};
// FBetaScore with beta 1; its config has no "beta".
class F1ScoreImpl : public FBetaScoreImpl {
 public:
  using Options = F1ScoreOptions;
  explicit F1ScoreImpl(F1ScoreOptions options = {});
  std::string class_name() const override { return "F1Score"; }
  ConfigValue get_config() const override;
};
KERAS_HANDLE(F1Score);

}  // namespace keras::metrics
