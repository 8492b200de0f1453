#include "keras/callbacks/monitor_callback.hpp"

#include <cmath>
#include <set>

#include "src/utils/messages.hpp"
#include "keras/core/errors.hpp"

namespace keras::callbacks {
namespace {

// Default names (and compile() string names) of Keras 3's built-in metrics with a direction.
// Keras reads `_direction` from the compiled model's metrics; these are the values it finds.
// clang-format off
const std::set<std::string>& metrics_going_up() {
  static const std::set<std::string> names = {
      "accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
      "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "auc", "precision",
      "recall", "precision_at_recall", "recall_at_precision", "sensitivity_at_specificity",
      "specificity_at_sensitivity", "f1_score", "fbeta_score", "r2_score", "io_u", "mean_io_u",
      "binary_io_u", "one_hot_io_u", "one_hot_mean_io_u", "cosine_similarity",
      "pearson_correlation", "concordance_correlation"};
  return names;
}
const std::set<std::string>& metrics_going_down() {
  static const std::set<std::string> names = {
      "mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error",
      "mape", "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "logcosh",
      "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy",
      "kl_divergence", "kld", "poisson", "hinge", "squared_hinge", "categorical_hinge"};
  return names;
}
// clang-format on

}  // namespace

MonitorCallback::MonitorCallback(std::string class_name, std::string monitor_, std::string mode_,
                                 std::optional<double> baseline, double min_delta_)
    : monitor(std::move(monitor_)),
      mode(std::move(mode_)),
      best(baseline),
      min_delta(std::fabs(min_delta_)),
      class_name_(std::move(class_name)) {
  if (mode != "auto" && mode != "min" && mode != "max") {
    utils::detail::warn(class_name_ + " mode '" + mode + "' is unknown, fallback to auto mode.");
    mode = "auto";
  }
}

void MonitorCallback::set_monitor_op() {
  if (mode == "min") {
    op_ = Op::less;
  } else if (mode == "max") {
    op_ = Op::greater;
  } else {
    std::string metric_name = monitor;
    if (metric_name.starts_with("val_")) metric_name = metric_name.substr(4);
    if (metric_name == "loss" || metrics_going_down().count(metric_name)) op_ = Op::less;
    else if (metrics_going_up().count(metric_name)) op_ = Op::greater;
    else
      throw ValueError(class_name_ + " callback received monitor=" + monitor +
                       ", but Keras isn't able to automatically determine whether that metric "
                       "should be maximized or minimized. Pass `mode='max'` in order to monitor "
                       "based on the highest metric value, or pass `mode='min'` in order to use "
                       "the lowest value.");
  }
  if (op_ == Op::less) min_delta *= -1;
}

bool MonitorCallback::is_improvement(double monitor_value,
                                     std::optional<double> reference_value) const {
  if (!reference_value) return true;
  const float a = static_cast<float>(monitor_value - min_delta);
  const float b = static_cast<float>(*reference_value);
  return op_ == Op::less ? a < b : a > b;
}

double MonitorCallback::monitored_number(const LogValue& value) const {
  if (value.size() != 1)
    throw ValueError(class_name_ + " monitors `" + monitor +
                     "`, whose value is an array of shape " + value.shape_str() +
                     "; it can only monitor a single number (Keras fails here too: the truth "
                     "value of an array with more than one element is ambiguous)");
  return value.item();
}

}  // namespace keras::callbacks
