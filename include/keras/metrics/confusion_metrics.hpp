#pragma once
// keras.metrics' confusion-matrix metrics (keras/src/metrics/confusion_metrics.py): the counts
// TruePositives, TrueNegatives, FalsePositives and FalseNegatives, Precision, Recall, AUC and
// the four "X at Y" metrics. Each keeps float32 counts per threshold (a prediction is positive
// at a threshold when strictly above it) that every update_state adds to; result() reads the
// metric off them. Labels are positive when non-zero. A single threshold gives a scalar
// result, several a vector of one value per threshold.
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "keras/metrics/metric.hpp"

namespace keras::metrics {

// Keras's `thresholds` argument of the counts, Precision and Recall: None (the default), one
// float, or a list of floats, each in [0, 1]. Kept as given, since get_config returns it as
// given: `.thresholds = 0.7` or `.thresholds = {0.3, 0.7}`.
class Thresholds {
 public:
  Thresholds() = default;
  Thresholds(double threshold) : values_{threshold}, given_(true), scalar_(true) {}
  Thresholds(std::vector<double> thresholds) : values_(std::move(thresholds)), given_(true) {}
  Thresholds(std::initializer_list<double> thresholds) : values_(thresholds), given_(true) {}
  bool given() const { return given_; }    // false for None
  bool scalar() const { return scalar_; }  // one float rather than a list
  const std::vector<double>& values() const { return values_; }
  ConfigValue to_config() const;  // null, a float or a list of floats
  static Thresholds from_config(const ConfigValue& value);

 private:
  std::vector<double> values_;
  bool given_ = false;
  bool scalar_ = false;
};

// The state and update shared by the four counts: one `accumulator` of one count per
// threshold (default threshold 0.5).
class ConfusionCountImpl : public Metric {
 public:
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  Tensor result() const override;
  ConfigValue get_config() const override;  // name, dtype, thresholds
  const std::vector<double>& thresholds() const { return parsed_; }

 protected:
  enum class Condition { true_positives, false_positives, true_negatives, false_negatives };
  ConfusionCountImpl(Condition condition, Thresholds thresholds, std::string name);

 private:
  Condition condition_;
  Thresholds init_thresholds_;
  std::vector<double> parsed_;
  bool evenly_;
  Variable accumulator_;
};

struct TruePositivesOptions {
  Thresholds thresholds{};
  std::string name = "true_positives";
};
class TruePositivesImpl : public ConfusionCountImpl {
 public:
  using Options = TruePositivesOptions;
  explicit TruePositivesImpl(TruePositivesOptions o = {})
      : ConfusionCountImpl(Condition::true_positives, std::move(o.thresholds), std::move(o.name)) {}
  std::string class_name() const override { return "TruePositives"; }
};
KERAS_HANDLE(TruePositives);

struct TrueNegativesOptions {
  Thresholds thresholds{};
  std::string name = "true_negatives";
};
class TrueNegativesImpl : public ConfusionCountImpl {
 public:
  using Options = TrueNegativesOptions;
  explicit TrueNegativesImpl(TrueNegativesOptions o = {})
      : ConfusionCountImpl(Condition::true_negatives, std::move(o.thresholds), std::move(o.name)) {}
  std::string class_name() const override { return "TrueNegatives"; }
};
KERAS_HANDLE(TrueNegatives);

struct FalsePositivesOptions {
  Thresholds thresholds{};
  std::string name = "false_positives";
};
class FalsePositivesImpl : public ConfusionCountImpl {
 public:
  using Options = FalsePositivesOptions;
  explicit FalsePositivesImpl(FalsePositivesOptions o = {})
      : ConfusionCountImpl(Condition::false_positives, std::move(o.thresholds), std::move(o.name)) {
  }
  std::string class_name() const override { return "FalsePositives"; }
};
KERAS_HANDLE(FalsePositives);

struct FalseNegativesOptions {
  Thresholds thresholds{};
  std::string name = "false_negatives";
};
class FalseNegativesImpl : public ConfusionCountImpl {
 public:
  using Options = FalseNegativesOptions;
  explicit FalseNegativesImpl(FalseNegativesOptions o = {})
      : ConfusionCountImpl(Condition::false_negatives, std::move(o.thresholds), std::move(o.name)) {
  }
  std::string class_name() const override { return "FalseNegatives"; }
};
KERAS_HANDLE(FalseNegatives);

// The base of Precision and Recall, which differ in one count: tp / (tp + false_positives)
// and tp / (tp + false_negatives) (0 where the denominator is). With `top_k`, only the k
// highest predictions of a sample can be positive (and the default threshold becomes -1e10, so
// those always are); with `class_id`, only that column of (num_samples, num_classes) inputs
// counts. State: true_positives and the other count, one entry per threshold.
class PrecisionRecallImpl : public Metric {
 public:
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  Tensor result() const override;
  ConfigValue get_config() const override;  // name, dtype, thresholds, top_k, class_id
  const std::vector<double>& thresholds() const { return parsed_; }

 protected:
  // `with_false_positives`: Precision's second count; else Recall's false_negatives.
  PrecisionRecallImpl(Thresholds thresholds, std::optional<int> top_k, std::optional<int> class_id,
                      std::string name, bool with_false_positives);

 private:
  Thresholds init_thresholds_;
  std::optional<int> top_k_, class_id_;
  std::vector<double> parsed_;
  bool evenly_;
  bool with_false_positives_;
  Variable true_positives_, other_;
};

struct PrecisionOptions {
  Thresholds thresholds{};
  std::optional<int> top_k{};
  std::optional<int> class_id{};
  std::string name = "precision";
};
// tp / (tp + fp). State: true_positives, false_positives.
class PrecisionImpl : public PrecisionRecallImpl {
 public:
  using Options = PrecisionOptions;
  explicit PrecisionImpl(PrecisionOptions o = {})
      : PrecisionRecallImpl(std::move(o.thresholds), o.top_k, o.class_id, std::move(o.name),
                            /*with_false_positives=*/true) {}
  std::string class_name() const override { return "Precision"; }
};
KERAS_HANDLE(Precision);

struct RecallOptions {
  Thresholds thresholds{};
  std::optional<int> top_k{};
  std::optional<int> class_id{};
  std::string name = "recall";
};
// tp / (tp + fn). State: true_positives, false_negatives.
class RecallImpl : public PrecisionRecallImpl {
 public:
  using Options = RecallOptions;
  explicit RecallImpl(RecallOptions o = {})
      : PrecisionRecallImpl(std::move(o.thresholds), o.top_k, o.class_id, std::move(o.name),
                            /*with_false_positives=*/false) {}
  std::string class_name() const override { return "Recall"; }
};
KERAS_HANDLE(Recall);

// The base of the four "X at Y" metrics: all four counts at `num_thresholds` thresholds evenly
// spread over [0, 1] (0.5 alone when 1); result() is the best X over the thresholds where Y
// reaches the target `value` (0 when none does).
class SensitivitySpecificityImpl : public Metric {
 public:
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  // name, dtype, class_id, num_thresholds, then the target under its Keras name.
  ConfigValue get_config() const override;
  const std::vector<double>& thresholds() const { return thresholds_; }

 protected:
  SensitivitySpecificityImpl(const char* value_name, double value, int num_thresholds,
                             std::optional<int> class_id, std::string name);
  // max(dependent where constrained >= value, else 0), as Keras's _find_max_under_constraint.
  Tensor max_under_constraint(const Tensor& constrained, const Tensor& dependent) const;
  Tensor sensitivities() const;  // tp / (tp + fn)
  Tensor specificities() const;  // tn / (tn + fp)
  Tensor precisions() const;     // tp / (tp + fp)

 private:
  const char* value_name_;
  double value_;
  int num_thresholds_;
  std::optional<int> class_id_;
  std::vector<double> thresholds_;
  bool evenly_;
  Variable true_positives_, false_positives_, true_negatives_, false_negatives_;
};

struct SensitivityAtSpecificityOptions {
  int num_thresholds = 200;
  std::optional<int> class_id{};
  std::string name = "sensitivity_at_specificity";
};
// The best sensitivity (recall) where the specificity is >= `specificity` (in [0, 1]).
class SensitivityAtSpecificityImpl : public SensitivitySpecificityImpl {
 public:
  using Positional = std::tuple<double>;
  using Options = SensitivityAtSpecificityOptions;
  explicit SensitivityAtSpecificityImpl(double specificity,
                                        SensitivityAtSpecificityOptions options = {});
  Tensor result() const override;
  std::string class_name() const override { return "SensitivityAtSpecificity"; }
};
KERAS_HANDLE(SensitivityAtSpecificity);

struct SpecificityAtSensitivityOptions {
  int num_thresholds = 200;
  std::optional<int> class_id{};
  std::string name = "specificity_at_sensitivity";
};
// The best specificity where the sensitivity is >= `sensitivity` (in [0, 1]).
class SpecificityAtSensitivityImpl : public SensitivitySpecificityImpl {
 public:
  using Positional = std::tuple<double>;
  using Options = SpecificityAtSensitivityOptions;
  explicit SpecificityAtSensitivityImpl(double sensitivity,
                                        SpecificityAtSensitivityOptions options = {});
  Tensor result() const override;
  std::string class_name() const override { return "SpecificityAtSensitivity"; }
};
KERAS_HANDLE(SpecificityAtSensitivity);

struct PrecisionAtRecallOptions {
  int num_thresholds = 200;
  std::optional<int> class_id{};
  std::string name = "precision_at_recall";
};
// The best precision where the recall is >= `recall` (in [0, 1]).
class PrecisionAtRecallImpl : public SensitivitySpecificityImpl {
 public:
  using Positional = std::tuple<double>;
  using Options = PrecisionAtRecallOptions;
  explicit PrecisionAtRecallImpl(double recall, PrecisionAtRecallOptions options = {});
  Tensor result() const override;
  std::string class_name() const override { return "PrecisionAtRecall"; }
};
KERAS_HANDLE(PrecisionAtRecall);

struct RecallAtPrecisionOptions {
  int num_thresholds = 200;
  std::optional<int> class_id{};
  std::string name = "recall_at_precision";
};
// The best recall where the precision is >= `precision` (in [0, 1]).
class RecallAtPrecisionImpl : public SensitivitySpecificityImpl {
 public:
  using Positional = std::tuple<double>;
  using Options = RecallAtPrecisionOptions;
  explicit RecallAtPrecisionImpl(double precision, RecallAtPrecisionOptions options = {});
  Tensor result() const override;
  std::string class_name() const override { return "RecallAtPrecision"; }
};
KERAS_HANDLE(RecallAtPrecision);

struct AUCOptions {
  int num_thresholds = 200;
  std::string curve = "ROC";  // "ROC", "PR" or "PRGAIN" (lower case accepted)
  // "interpolation", "minoring" or "majoring" (capitalised accepted)
  std::string summation_method = "interpolation";
  std::string name = "auc";
  // Explicit thresholds (sorted; num_thresholds becomes their count + 2) instead of
  // num_thresholds evenly spread ones.
  std::optional<std::vector<double>> thresholds{};
  // One AUC per label of (num_samples, num_labels) inputs, averaged (weighted by
  // label_weights) by result(); otherwise every prediction is one sample of one curve.
  bool multi_label = false;
  std::optional<int> num_labels{};  // multi_label only: creates the state at once
  // Per-label weights: of each label's AUC (multi_label), else of each label's predictions.
  std::optional<std::vector<double>> label_weights{};
  bool from_logits = false;  // y_pred goes through a sigmoid first
};
// The area under the ROC or precision-recall curve, as a Riemann sum over the thresholds
// (Keras's AUC, including its interpolated PR-AUC of Davis & Goadrich). State:
// true_positives, false_positives, true_negatives, false_negatives, of shape (num_thresholds,)
// or (num_thresholds, num_labels) when multi_label — made by the first update_state when
// num_labels is not given.
class AUCImpl : public Metric {
 public:
  using Options = AUCOptions;
  explicit AUCImpl(AUCOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  Tensor result() const override;
  void reset_state() override;
  std::string class_name() const override { return "AUC"; }
  // name, dtype, num_thresholds, curve, summation_method, multi_label, num_labels,
  // label_weights (as Keras serializes a tensor), from_logits, then thresholds when given.
  ConfigValue get_config() const override;
  // Every threshold, with the -epsilon and 1 + epsilon ends.
  const std::vector<double>& thresholds() const { return thresholds_; }
  int num_thresholds() const { return num_thresholds_; }
  const std::string& curve() const { return curve_; }
  const std::string& summation_method() const { return summation_method_; }

 private:
  void build(const Shape& y_pred_shape);
  Tensor interpolate_pr_auc() const;
  // The sum over thresholds of each label's terms, averaged over labels when multi_label.
  Tensor average(const Tensor& terms) const;

  AUCOptions options_;
  int num_thresholds_;
  std::string curve_, summation_method_;
  std::vector<double> thresholds_;
  bool evenly_;
  Tensor label_weights_;
  bool built_ = false;
  Variable true_positives_, false_positives_, true_negatives_, false_negatives_;
};
KERAS_HANDLE(AUC);

}  // namespace keras::metrics
