#pragma once
// The keyword arguments of compile / fit / evaluate / predict, with Keras 3's defaults.
#include <concepts>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/callbacks/spec.hpp"
#include "keras/losses/spec.hpp"
#include "keras/metrics/spec.hpp"
#include "keras/models/data.hpp"
#include "keras/models/nested.hpp"
#include "keras/optimizers/spec.hpp"

namespace keras {

// `loss=`: one loss for every output, a list (one per output) or a dict by output name. Every
// form `losses::Spec` takes converts directly (a string, a loss object, a lambda, a function,
// the header's own `losses::huber`), so `.loss = my_fn` and
// `.loss = {{"out_a", "mse"}, {"out_b", losses::Huber()}}` compile as written.
class LossesArg : public Nested<losses::Spec> {
 public:
  using Nested::Nested;
  // Anything a Spec is made from, in one step (C++ allows one user conversion per argument, so
  // a lambda would not reach LossesArg through Spec by itself).
  template <class S>
  requires std::constructible_from<losses::Spec, S> &&
      (!std::same_as<std::remove_cvref_t<S>, LossesArg>)&&(
          !std::same_as<std::remove_cvref_t<S>, losses::Spec>)LossesArg(S&& loss)
      : Nested(losses::Spec(std::forward<S>(loss))) {}
  // An overloaded function (`losses::huber` has a two- and a three-argument form) has no type to
  // deduce: this picks the (y_true, y_pred) overload.
  LossesArg(losses::Spec::FnPtr fn) : Nested(losses::Spec(fn)) {}
};

// One output's entry in a `metrics=` dict: one metric or a list, as Keras takes
// {"out_a": "mae"} and {"out_a": ["mae", "mse"]}.
class OutputMetrics {
 public:
  template <class S>
  requires std::constructible_from<metrics::Spec, S> &&
      (!std::same_as<std::remove_cvref_t<S>, OutputMetrics>)OutputMetrics(S&& metric)
      : specs_{metrics::Spec(std::forward<S>(metric))} {}
  OutputMetrics(metrics::Spec::FnPtr fn) : specs_{metrics::Spec(fn)} {}
  OutputMetrics(std::initializer_list<metrics::Spec> list) : specs_(list) {}
  OutputMetrics(std::vector<metrics::Spec> list) : specs_(std::move(list)) {}
  const std::vector<metrics::Spec>& specs() const { return specs_; }

 private:
  std::vector<metrics::Spec> specs_;
};

// `metrics=`: a list (single-output models), a list of lists or a dict by output name.
class MetricsArg {
 public:
  MetricsArg() = default;
  MetricsArg(std::initializer_list<metrics::Spec> list) : flat_(list) {}
  MetricsArg(std::vector<metrics::Spec> list) : flat_(std::move(list)) {}
  MetricsArg(std::vector<std::vector<metrics::Spec>> per_output)
      : per_output_(std::move(per_output)) {}
  // `{{"out_a", "accuracy"}, {"out_b", {"mae", "mse"}}}`, without spelling out the map type.
  // (Not a Nested: a flat list means "these metrics for the one output", a list of lists one
  // list per output, and a dict entry one metric or a list, so metrics nest two levels.)
  MetricsArg(std::initializer_list<std::pair<const std::string, OutputMetrics>> dict) {
    for (const auto& [name, m] : dict) dict_[name] = m.specs();
  }
  MetricsArg(std::map<std::string, std::vector<metrics::Spec>> dict) : dict_(std::move(dict)) {}

  bool empty() const { return flat_.empty() && per_output_.empty() && dict_.empty(); }
  const std::vector<metrics::Spec>& flat() const { return flat_; }
  const std::vector<std::vector<metrics::Spec>>& per_output() const { return per_output_; }
  const std::map<std::string, std::vector<metrics::Spec>>& dict() const { return dict_; }

 private:
  std::vector<metrics::Spec> flat_;
  std::vector<std::vector<metrics::Spec>> per_output_;
  std::map<std::string, std::vector<metrics::Spec>> dict_;
};

// `loss_weights=`: one weight per output (`{1.0, 0.5}`), a dict by output name
// (`{{"a", 1.0}, {"b", 0.5}}`) or one number for a single-output model; empty: 1 for every
// output.
using LossWeights = Nested<double>;

struct CompileOptions {
  optimizers::Spec optimizer = "rmsprop";
  LossesArg loss{};
  MetricsArg metrics{};
  MetricsArg weighted_metrics{};
  LossWeights loss_weights{};
};

// `validation_data=`: Keras's tuple (x_val, y_val) or (x_val, y_val, val_sample_weight), so
// `.validation_data = {xv, yv}` reads as in Python (a constructor, not an aggregate, so that
// std::optional's one-argument constructor is not in the way). Default: none given.
struct ValidationData {
  ValidationData() = default;
  ValidationData(Data x_val, Data y_val, Data val_sample_weight = {})
      : x(std::move(x_val)), y(std::move(y_val)), sample_weight(std::move(val_sample_weight)) {}
  // Whether validation data was given (its x).
  explicit operator bool() const { return !x.empty(); }

  Data x{};
  Data y{};
  Data sample_weight{};
};

struct FitOptions {
  std::optional<std::int64_t> batch_size{};  // none: 32 for arrays
  int epochs = 1;
  int verbose = 1;  // Keras's "auto": 1
  std::vector<callbacks::Spec> callbacks{};
  double validation_split = 0.0;
  ValidationData validation_data{};
  bool shuffle = true;
  std::map<int, double> class_weight{};
  Data sample_weight{};
  int initial_epoch = 0;
  std::optional<std::int64_t> steps_per_epoch{};
  std::optional<std::int64_t> validation_steps{};
  std::optional<std::int64_t> validation_batch_size{};
  int validation_freq = 1;
};

struct EvaluateOptions {
  std::optional<std::int64_t> batch_size{};
  int verbose = 1;
  Data sample_weight{};
  std::optional<std::int64_t> steps{};
  std::vector<callbacks::Spec> callbacks{};
};

struct PredictOptions {
  std::optional<std::int64_t> batch_size{};
  int verbose = 1;
  std::optional<std::int64_t> steps{};
  std::vector<callbacks::Spec> callbacks{};
};

struct BatchOptions {  // train_on_batch / test_on_batch
  Data sample_weight{};
  std::map<int, double> class_weight{};
};

// evaluate's result: the values in Keras's order (loss first, then metrics) and by name.
// Converts to double when it holds the loss alone, as Keras returns a scalar then. A metric
// whose result is an array (Precision at several thresholds, a per-class F1) gives that array:
// read it with value(name) / values(); `[]` reads numbers (plain doubles, e.g. for printf) and
// throws a ValueError naming the array's shape.
class Evaluation {
 public:
  Evaluation() = default;
  Evaluation(std::vector<std::string> names, std::vector<LogValue> values)
      : names_(std::move(names)), values_(std::move(values)) {}
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<LogValue>& values() const { return values_; }
  const LogValue& value(const std::string& name) const;
  double operator[](const std::string& name) const;
  // An exact match for a literal: with the string overload alone, clang finds `ev["loss"]`
  // ambiguous with the built-in `ptr[int]` through `operator double`.
  double operator[](const char* name) const { return (*this)[std::string(name)]; }
  double operator[](std::size_t i) const;
  std::size_t size() const { return values_.size(); }
  callbacks::Logs as_dict() const;
  operator double() const;

 private:
  std::vector<std::string> names_;
  std::vector<LogValue> values_;
};

}  // namespace keras
