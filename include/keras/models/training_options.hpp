#pragma once
// The keyword arguments of compile / fit / evaluate / predict, with Keras 3's defaults.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/callbacks/spec.hpp"
#include "keras/losses/losses.hpp"
#include "keras/metrics/metrics.hpp"
#include "keras/models/data.hpp"
#include "keras/optimizers/optimizers.hpp"

namespace keras {

// `loss=`: one loss for every output, a list (one per output) or a dict by output name.
class LossesArg {
 public:
  LossesArg() = default;
  LossesArg(losses::Spec loss) : single_(std::move(loss)), has_single_(true) {}
  LossesArg(const char* loss) : LossesArg(losses::Spec(loss)) {}
  LossesArg(const std::string& loss) : LossesArg(losses::Spec(loss)) {}
  template <class L>
    requires std::derived_from<L, losses::Loss>
  LossesArg(L loss) : LossesArg(losses::Spec(std::move(loss))) {}
  LossesArg(std::initializer_list<losses::Spec> list) : list_(list) {}
  LossesArg(std::vector<losses::Spec> list) : list_(std::move(list)) {}
  LossesArg(std::map<std::string, losses::Spec> dict) : dict_(std::move(dict)) {}

  bool empty() const { return !has_single_ && list_.empty() && dict_.empty(); }
  bool has_single() const { return has_single_; }
  const losses::Spec& single() const { return single_; }
  const std::vector<losses::Spec>& list() const { return list_; }
  const std::map<std::string, losses::Spec>& dict() const { return dict_; }

 private:
  losses::Spec single_;
  bool has_single_ = false;
  std::vector<losses::Spec> list_;
  std::map<std::string, losses::Spec> dict_;
};

// `metrics=`: a list (single-output models), a list of lists or a dict by output name.
class MetricsArg {
 public:
  MetricsArg() = default;
  MetricsArg(std::initializer_list<metrics::Spec> list) : flat_(list) {}
  MetricsArg(std::vector<metrics::Spec> list) : flat_(std::move(list)) {}
  MetricsArg(std::vector<std::vector<metrics::Spec>> per_output) : per_output_(std::move(per_output)) {}
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

struct CompileOptions {
  optimizers::Spec optimizer = "rmsprop";
  LossesArg loss{};
  MetricsArg metrics{};
  MetricsArg weighted_metrics{};
  // One weight per output (list) or by output name; empty: 1 for every output.
  std::vector<double> loss_weights{};
  std::map<std::string, double> loss_weights_by_name{};
};

struct ValidationData {
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
  std::optional<ValidationData> validation_data{};
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
// Converts to double when it holds the loss alone, as Keras returns a scalar then.
class Evaluation {
 public:
  Evaluation() = default;
  Evaluation(std::vector<std::string> names, std::vector<double> values)
      : names_(std::move(names)), values_(std::move(values)) {}
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<double>& values() const { return values_; }
  double operator[](const std::string& name) const;
  double operator[](std::size_t i) const;
  std::size_t size() const { return values_.size(); }
  callbacks::Logs as_dict() const;
  operator double() const;

 private:
  std::vector<std::string> names_;
  std::vector<double> values_;
};

}  // namespace keras
