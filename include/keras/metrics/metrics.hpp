#pragma once
// keras.metrics: every metric, the registry of Keras identifiers, and `Spec`, what
// `compile(.metrics = {...})` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/metrics/accuracy_metrics.hpp"
#include "keras/metrics/metric.hpp"
#include "keras/metrics/reduction_metrics.hpp"
#include "keras/metrics/regression_metrics.hpp"

namespace keras::metrics {

// A fresh metric with its default name for a Keras identifier: a class name ("BinaryAccuracy"),
// its snake_case form ("binary_accuracy") or an alias ("mse", "MAE", ...). Unknown (including
// "acc", which only compile's `resolve` understands, as in Keras) -> ValueError listing the
// valid identifiers.
std::shared_ptr<Metric> get(const std::string& identifier);
// The identifiers `get` accepts.
std::vector<std::string> all_names();

// Builds a metric from {"class_name": ..., "config": {...}} (as Keras writes it) or a string.
std::shared_ptr<Metric> deserialize(const ConfigValue& config);
// {"module": "keras.metrics", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Metric& metric);

// One entry of `compile(.metrics = ...)`: a string identifier, a metric object (copied; the
// copy shares the original's state variables), a shared metric, or a function of
// (y_true, y_pred) returning per-sample values (wrapped in a MeanMetricWrapper named after a
// built-in function, "mean_metric_wrapper" for an anonymous one unless a name is given).
class Spec {
 public:
  using FnPtr = Tensor (*)(const Tensor&, const Tensor&);

  Spec() = default;
  // An unknown identifier is a ValueError here already (listing the valid ones), so compile()
  // fails at once rather than at the first batch; "accuracy" and "acc" are accepted.
  Spec(const char* identifier) : Spec(std::string(identifier ? identifier : "")) {}
  Spec(std::string identifier);
  template <class T>
    requires std::derived_from<T, Metric> && (!std::is_abstract_v<T>)
  Spec(const T& metric) : metric_(std::make_shared<T>(metric)) {}
  template <class T>
    requires std::derived_from<T, Metric>
  Spec(std::shared_ptr<T> metric) : metric_(std::move(metric)) {}
  template <class F>
    requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
             (!std::derived_from<std::remove_cvref_t<F>, Metric>) &&
             (!std::is_convertible_v<F, std::string>)
  Spec(F fn) : metric_(wrap_function(MetricFn(fn), registered_name(fn))) {}
  // Picks the two-argument overload of a built-in function (`metrics::binary_accuracy`).
  Spec(FnPtr fn) : metric_(wrap_function(MetricFn(fn), function_name(fn))) {}
  // A function logged under `name`, as Keras logs a function metric under its __name__ (a C++
  // lambda has no name to take): `metrics::Spec(my_fn, "my_metric")`, the argument order of
  // MeanMetricWrapper(fn, name). The name comes second so that a dict entry
  // `{"out_a", my_fn}` cannot be read as a named metric.
  template <class F>
    requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
             (!std::derived_from<std::remove_cvref_t<F>, Metric>) &&
             (!std::is_convertible_v<F, std::string>)
  Spec(F fn, std::string name)
      : metric_(std::make_shared<MeanMetricWrapper>(MetricFn(std::move(fn)), std::move(name))) {}
  Spec(FnPtr fn, std::string name)
      : metric_(std::make_shared<MeanMetricWrapper>(MetricFn(fn), std::move(name))) {}

  bool defined() const { return metric_ != nullptr || !identifier_.empty(); }
  // The metric: a string is looked up with metrics::get (fresh, default name; use `resolve`
  // for compile's naming and the "accuracy" shortcut). Null for an empty Spec.
  std::shared_ptr<Metric> get() const;
  // The user's string ("acc"), empty for objects and functions.
  const std::string& identifier() const { return identifier_; }

 private:
  template <class F>
  static std::string registered_name(const F& fn) {
    if constexpr (std::is_convertible_v<F, FnPtr>) return function_name(static_cast<FnPtr>(fn));
    else return "";
  }
  static std::string function_name(FnPtr fn);
  static std::shared_ptr<Metric> wrap_function(MetricFn fn, const std::string& name);

  std::string identifier_;
  std::shared_ptr<Metric> metric_;
};

// Keras's compile_utils.get_metric. "accuracy"/"acc" (any case) become BinaryAccuracy when
// y_pred's last dim is 1, SparseCategoricalAccuracy when y_true has lower rank than y_pred or a
// last dim of 1 against more than one class, CategoricalAccuracy otherwise. A string gives a
// fresh metric named as written ("acc", "mse"); objects keep their own name.
// An empty Spec -> ValueError.
std::shared_ptr<Metric> resolve(const Spec& spec, const Shape& y_true_shape,
                                const Shape& y_pred_shape);

}  // namespace keras::metrics
