#pragma once
// `metrics::Spec`, what each entry of `compile(.metrics = ...)` accepts, apart from the metric
// classes so that model.hpp does not include every metric (metrics.hpp has them all).
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "keras/core/spec.hpp"
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
};

// One entry of `compile(.metrics = ...)`: a string identifier, a metric handle or shared_ptr
// (the model updates that metric), or a function of
// (y_true, y_pred) returning per-sample values (wrapped in a MeanMetricWrapper named after a
// built-in function, "mean_metric_wrapper" for an anonymous one unless a name is given).
// `get()` on a string gives a fresh metric with its default name; `resolve` applies compile's
// naming and the "accuracy" shortcut.
class Spec : public ObjectSpec<MetricFamily> {
 public:
  using FnPtr = Tensor (*)(const Tensor&, const Tensor&);

  using ObjectSpec::ObjectSpec;
  Spec() = default;
  template <class F>
  requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
      (!std::derived_from<std::remove_cvref_t<F>, Metric>)&&(!std::is_convertible_v<F, std::string>)
          Spec(F fn)
      : ObjectSpec(Wrapped{}, wrap_function(MetricFn(fn), registered_name(fn))) {}
  // Picks the two-argument overload of a built-in function (`metrics::binary_accuracy`).
  Spec(FnPtr fn) : ObjectSpec(Wrapped{}, wrap_function(MetricFn(fn), function_name(fn))) {}
  // A function logged under `name`, as Keras logs a function metric under its __name__ (a C++
  // lambda has no name to take): `metrics::Spec(my_fn, "my_metric")`, the argument order of
  // MeanMetricWrapper(fn, name). The name comes second so that a dict entry
  // `{"out_a", my_fn}` cannot be read as a named metric.
  template <class F>
  requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
      (!std::derived_from<std::remove_cvref_t<F>, Metric>)&&(!std::is_convertible_v<F, std::string>)
          Spec(F fn, std::string name)
      : ObjectSpec(Wrapped{}, named(MetricFn(std::move(fn)), std::move(name))) {}
  Spec(FnPtr fn, std::string name) : ObjectSpec(Wrapped{}, named(MetricFn(fn), std::move(name))) {}

 private:
  template <class F>
  static std::string registered_name(const F& fn) {
    if constexpr (std::is_convertible_v<F, FnPtr>) return function_name(static_cast<FnPtr>(fn));
    else return "";
  }
  static std::string function_name(FnPtr fn);
  static std::shared_ptr<Metric> wrap_function(MetricFn fn, const std::string& name);
  static std::shared_ptr<Metric> named(MetricFn fn, std::string name);
};

}  // namespace keras::metrics
