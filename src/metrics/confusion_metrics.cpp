// The counts, Precision, Recall and the "X at Y" metrics of keras/src/metrics/confusion_metrics.py
// (AUC is in auc.cpp); the shared update is src/metrics/confusion_matrix.cpp.
#include "keras/metrics/confusion_metrics.hpp"
#include "src/core/config_reader.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"
#include "src/metrics/confusion_matrix.hpp"

namespace keras::metrics {

namespace {

// One value per threshold, or the value itself for a single threshold (Keras's result[0]).
Tensor per_threshold(const Tensor& values, std::size_t thresholds) {
  return thresholds == 1 ? ops::reshape(values, Shape{}) : values;
}

}  // namespace

ConfigValue Thresholds::to_config() const {
  if (!given_) return ConfigValue();
  if (scalar_) return ConfigValue(values_.front());
  return ConfigValue::list_of(values_);
}

Thresholds Thresholds::from_config(const ConfigValue& value) {
  if (value.is_null()) return Thresholds();
  if (value.is_number()) return Thresholds(value.as_double());
  if (!value.is_list())
    throw ValueError("`thresholds` must be None, a float or a list of floats, received " +
                     value.dump());
  std::vector<double> values;
  for (const auto& v : value.as_list()) values.push_back(v.as_double());
  return Thresholds(std::move(values));
}

ConfusionCountImpl::ConfusionCountImpl(Condition condition, Thresholds thresholds, std::string name)
    : Metric(std::move(name)),
      condition_(condition),
      init_thresholds_(std::move(thresholds)),
      parsed_(detail::parse_init_thresholds(init_thresholds_, 0.5)),
      evenly_(detail::is_evenly_distributed_thresholds(parsed_)) {
  accumulator_ = add_variable("accumulator", Shape{static_cast<std::int64_t>(parsed_.size())});
}

void ConfusionCountImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                      const Tensor& sample_weight) {
  detail::ConfusionVariables v;
  switch (condition_) {
    case Condition::true_positives: v.true_positives = accumulator_; break;
    case Condition::false_positives: v.false_positives = accumulator_; break;
    case Condition::true_negatives: v.true_negatives = accumulator_; break;
    case Condition::false_negatives: v.false_negatives = accumulator_; break;
  }
  detail::update_confusion_matrix_variables(
      v, y_true, y_pred, sample_weight,
      {.thresholds = parsed_, .thresholds_distributed_evenly = evenly_, .metric = class_name()});
}

Tensor ConfusionCountImpl::result() const {
  NoGrad no_grad;
  return per_threshold(accumulator_.value(), parsed_.size());
}

ConfigValue ConfusionCountImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["thresholds"] = init_thresholds_.to_config();
  return config;
}

PrecisionRecallImpl::PrecisionRecallImpl(Thresholds thresholds, std::optional<int> top_k,
                                         std::optional<int> class_id, std::string name,
                                         bool with_false_positives)
    : Metric(std::move(name)),
      init_thresholds_(std::move(thresholds)),
      top_k_(top_k),
      class_id_(class_id),
      parsed_(detail::parse_init_thresholds(init_thresholds_, top_k ? detail::kNegInf : 0.5)),
      evenly_(detail::is_evenly_distributed_thresholds(parsed_)),
      with_false_positives_(with_false_positives) {
  const Shape shape{static_cast<std::int64_t>(parsed_.size())};
  true_positives_ = add_variable("true_positives", shape);
  other_ = add_variable(with_false_positives ? "false_positives" : "false_negatives", shape);
}

void PrecisionRecallImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                       const Tensor& sample_weight) {
  detail::ConfusionVariables v{.true_positives = true_positives_};
  (with_false_positives_ ? v.false_positives : v.false_negatives) = other_;
  detail::update_confusion_matrix_variables(v, y_true, y_pred, sample_weight,
                                            {.thresholds = parsed_,
                                             .thresholds_distributed_evenly = evenly_,
                                             .top_k = top_k_,
                                             .class_id = class_id_,
                                             .metric = class_name()});
}

Tensor PrecisionRecallImpl::result() const {
  NoGrad no_grad;
  Tensor tp = true_positives_.value();
  return per_threshold(losses::divide_no_nan(tp, ops::add(tp, other_.value())), parsed_.size());
}

ConfigValue PrecisionRecallImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["thresholds"] = init_thresholds_.to_config();
  config["top_k"] = keras::detail::optional_config_value(top_k_);
  config["class_id"] = keras::detail::optional_config_value(class_id_);
  return config;
}

namespace {

// The target of an "X at Y" metric must be in [0, 1]: Keras checks it before anything else.
double checked_value(const char* value_name, double value) {
  if (value < 0 || value > 1)
    throw ValueError(std::string("Argument `") + value_name + "` must be in the range [0, 1]. " +
                     "Received: " + value_name + "=" + ConfigValue(value).dump());
  return value;
}

std::vector<double> even_thresholds(int num_thresholds) {
  if (num_thresholds <= 0)
    throw ValueError("Argument `num_thresholds` must be an integer > 0. Received: num_thresholds=" +
                     std::to_string(num_thresholds));
  if (num_thresholds == 1) return {0.5};
  // Keras's (i + 1) / (n - 1) for the inner ones, in double as Python computes them.
  std::vector<double> t{0.0};
  for (int i = 0; i < num_thresholds - 2; ++i) t.push_back((i + 1) * 1.0 / (num_thresholds - 1));
  t.push_back(1.0);
  return t;
}

}  // namespace

SensitivitySpecificityImpl::SensitivitySpecificityImpl(const char* value_name, double value,
                                                       int num_thresholds,
                                                       std::optional<int> class_id,
                                                       std::string name)
    : Metric(std::move(name)),
      value_name_(value_name),
      value_(checked_value(value_name, value)),
      num_thresholds_(num_thresholds),
      class_id_(class_id),
      thresholds_(even_thresholds(num_thresholds)),
      evenly_(num_thresholds > 1) {
  const Shape shape{static_cast<std::int64_t>(thresholds_.size())};
  true_positives_ = add_variable("true_positives", shape);
  false_positives_ = add_variable("false_positives", shape);
  true_negatives_ = add_variable("true_negatives", shape);
  false_negatives_ = add_variable("false_negatives", shape);
}

void SensitivitySpecificityImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                              const Tensor& sample_weight) {
  detail::update_confusion_matrix_variables(
      {true_positives_, false_positives_, true_negatives_, false_negatives_}, y_true, y_pred,
      sample_weight,
      {.thresholds = thresholds_,
       .thresholds_distributed_evenly = evenly_,
       .class_id = class_id_,
       .metric = class_name()});
}

ConfigValue SensitivitySpecificityImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["class_id"] = keras::detail::optional_config_value(class_id_);
  config["num_thresholds"] = num_thresholds_;
  config[value_name_] = value_;
  return config;
}

Tensor SensitivitySpecificityImpl::max_under_constraint(const Tensor& constrained,
                                                        const Tensor& dependent) const {
  Tensor feasible = ops::greater_equal(constrained, scalar(value_, DType::float32));
  // ops.max(..., initial=0): never below 0.
  return ops::maximum(ops::max(ops::where(feasible, dependent, 0.0)), 0.0);
}

Tensor SensitivitySpecificityImpl::sensitivities() const {
  Tensor tp = true_positives_.value();
  return losses::divide_no_nan(tp, ops::add(tp, false_negatives_.value()));
}

Tensor SensitivitySpecificityImpl::specificities() const {
  Tensor tn = true_negatives_.value();
  return losses::divide_no_nan(tn, ops::add(tn, false_positives_.value()));
}

Tensor SensitivitySpecificityImpl::precisions() const {
  Tensor tp = true_positives_.value();
  return losses::divide_no_nan(tp, ops::add(tp, false_positives_.value()));
}

SensitivityAtSpecificityImpl::SensitivityAtSpecificityImpl(double specificity,
                                                           SensitivityAtSpecificityOptions o)
    : SensitivitySpecificityImpl("specificity", specificity, o.num_thresholds, o.class_id,
                                 std::move(o.name)) {}

Tensor SensitivityAtSpecificityImpl::result() const {
  NoGrad no_grad;
  return max_under_constraint(specificities(), sensitivities());
}

SpecificityAtSensitivityImpl::SpecificityAtSensitivityImpl(double sensitivity,
                                                           SpecificityAtSensitivityOptions o)
    : SensitivitySpecificityImpl("sensitivity", sensitivity, o.num_thresholds, o.class_id,
                                 std::move(o.name)) {}

Tensor SpecificityAtSensitivityImpl::result() const {
  NoGrad no_grad;
  return max_under_constraint(sensitivities(), specificities());
}

PrecisionAtRecallImpl::PrecisionAtRecallImpl(double recall, PrecisionAtRecallOptions o)
    : SensitivitySpecificityImpl("recall", recall, o.num_thresholds, o.class_id,
                                 std::move(o.name)) {}

Tensor PrecisionAtRecallImpl::result() const {
  NoGrad no_grad;
  return max_under_constraint(sensitivities(), precisions());
}

RecallAtPrecisionImpl::RecallAtPrecisionImpl(double precision, RecallAtPrecisionOptions o)
    : SensitivitySpecificityImpl("precision", precision, o.num_thresholds, o.class_id,
                                 std::move(o.name)) {}

Tensor RecallAtPrecisionImpl::result() const {
  NoGrad no_grad;
  return max_under_constraint(precisions(), sensitivities());
}

}  // namespace keras::metrics
