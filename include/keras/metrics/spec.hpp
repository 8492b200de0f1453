#pragma once
// `metrics::Spec`, what each entry of `compile(.metrics = ...)` accepts, apart from the metric
// classes so that model.hpp does not include every metric (metrics.hpp has them all).
#include <memory>
#include <string>

#include "keras/core/function_spec.hpp"
#include "keras/metrics/metric.hpp"

namespace keras::metrics {

// A fresh metric with its default name for a Keras identifier: a class name ("BinaryAccuracy"),
// its snake_case form ("binary_accuracy") or an alias ("mse", "MAE", ...). Unknown (including
// "acc", which only compile's `resolve` understands, as in Keras) -> ValueError listing the
// valid identifiers.
std::shared_ptr<Metric> get(const std::string& identifier);
// How `Spec` looks up and checks a metric identifier (see keras/core/spec.hpp).
struct MetricFamily {
  using Object = Metric;
  static constexpr const char* kind = "metric";
  static constexpr bool has_identifiers = true;
  static constexpr bool stateful = true;
  static std::shared_ptr<Metric> get(const std::string& identifier) {
    return metrics::get(identifier);
  }
  // An unknown identifier is a ValueError (listing the valid ones), so compile() fails at once
  // rather than at the first batch; "accuracy" and "acc" are accepted.
  static void check(const std::string& identifier);
  // How a function of (y_true, y_pred) becomes a metric (keras/core/function_spec.hpp).
  using Function = MetricFn;
  static std::string function_name(Tensor (*fn)(const Tensor&, const Tensor&));
  static std::shared_ptr<Metric> wrap_function(Function fn, const std::string& name);
  static std::shared_ptr<Metric> named(Function fn, std::string name);
};

// One entry of `compile(.metrics = ...)`: a string identifier, a metric handle or shared_ptr
// (the model updates that metric), or a function of
// (y_true, y_pred) returning per-sample values (wrapped in a MeanMetricWrapper named after a
// built-in function, "mean_metric_wrapper" for an anonymous one unless a name is given).
// `get()` on a string gives a fresh metric with its default name; `resolve` applies compile's
// naming and the "accuracy" shortcut.
class Spec : public FunctionSpec<MetricFamily> {
 public:
  using FunctionSpec::FunctionSpec;
  Spec() = default;
};

}  // namespace keras::metrics
