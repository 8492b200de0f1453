#pragma once
// keras.metrics.Sum, Mean and MeanMetricWrapper (keras/src/metrics/reduction_metrics.py).
#include <functional>
#include <utility>

#include "keras/metrics/metric.hpp"

namespace keras::metrics {

// Keras's reduce_to_samplewise_values: casts values to float32, brings sample_weight to the
// values' rank (squeeze/expand), reduces the values over the dims the weight lacks, weights
// them, reduces the weight over its non-batch dims, and finally reduces the values to one per
// sample. The reduction is ops::mean when `use_mean`, else ops::sum (Keras's `reduce_fn`).
// Returns {values, sample_weight} (sample_weight undefined when none was given).
std::pair<Tensor, Tensor> reduce_to_samplewise_values(const Tensor& values,
                                                      const Tensor& sample_weight, bool use_mean);

struct SumOptions {
  std::string name = "sum";
};

// The (weighted) sum of the values seen. State: `total`.
class SumImpl : public Metric {
 public:
  using Options = SumOptions;
  explicit SumImpl(SumOptions options = {});
  // Keras's Sum.update_state(values, sample_weight=None).
  void update_state(const Tensor& values) override { update_state(values, Tensor()); }
  void update_state(const Tensor& values, const Tensor& sample_weight);
  // Sum takes values, not (y_true, y_pred): TypeError.
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight) override;
  Tensor result() const override;
  std::string class_name() const override { return "Sum"; }

 private:
  Variable total_;
};
KERAS_HANDLE(Sum);

struct MeanOptions {
  std::string name = "mean";
};

// The (weighted) mean of the values seen: total / count. State: `total`, `count`.
class MeanImpl : public Metric {
 public:
  using Options = MeanOptions;
  explicit MeanImpl(MeanOptions options = {});
  // Keras's Mean.update_state(values, sample_weight=None): count grows by the sum of the
  // per-sample weights, or by the number of samples (1 for a scalar).
  void update_state(const Tensor& values) override { update_state(values, Tensor()); }
  void update_state(const Tensor& values, const Tensor& sample_weight);
  // Mean takes values, not (y_true, y_pred): TypeError (MeanMetricWrapper takes those).
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight) override;
  Tensor result() const override;
  std::string class_name() const override { return "Mean"; }

 private:
  Variable total_;
  Variable count_;
};
KERAS_HANDLE(Mean);

struct MeanMetricWrapperOptions {
  std::string name = "mean_metric_wrapper";
};

// The running mean of `fn(y_true, y_pred)`, as keras.metrics.MeanMetricWrapper:
// `metrics::MeanMetricWrapper(my_fn, {.name = "my_metric"})`.
class MeanMetricWrapperImpl : public MeanImpl {
 public:
  explicit MeanMetricWrapperImpl(MetricFn fn, std::string name = "mean_metric_wrapper");
  MeanMetricWrapperImpl(MetricFn fn, MeanMetricWrapperOptions options)
      : MeanMetricWrapperImpl(std::move(fn), std::move(options.name)) {}
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  // A wrapped function needs (y_true, y_pred): TypeError, as Metric's.
  void update_state(const Tensor& values) override { Metric::update_state(values); }
  std::string class_name() const override { return "MeanMetricWrapper"; }
  // name, dtype, then "fn" (the registered loss function's serialization, when known).
  ConfigValue get_config() const override;
  // Records the name of the built-in function wrapped, for get_config.
  void set_fn_name(std::string fn_name) { fn_name_ = std::move(fn_name); }

 private:
  MetricFn fn_;
  std::string fn_name_;
};
// Spelled out rather than KERAS_HANDLE'd: a Positional declared in the Impl would be inherited
// by every accuracy metric derived from it.
class MeanMetricWrapper : public Handle<MeanMetricWrapperImpl> {
 public:
  using Handle::Handle;
  explicit MeanMetricWrapper(MetricFn fn, MeanMetricWrapperOptions options = {})
      : Handle(std::make_shared<MeanMetricWrapperImpl>(std::move(fn), std::move(options))) {}
};

// Declares NameOptions, NameImpl and the handle Name of a metric that is the running mean of one
// function of (y_true, y_pred) and saves only name and dtype (most of keras.metrics); the
// constructor, defined in the .cpp, names the function.
#define KERAS_MEAN_METRIC_OF_FUNCTION(Name, default_name)                    \
  struct Name##Options {                                                     \
    std::string name = default_name;                                         \
  };                                                                         \
  class Name##Impl : public MeanMetricWrapperImpl {                          \
   public:                                                                   \
    using Options = Name##Options;                                           \
    explicit Name##Impl(Name##Options options = {});                         \
    std::string class_name() const override { return #Name; }                \
    ConfigValue get_config() const override { return Metric::get_config(); } \
  };                                                                         \
  KERAS_HANDLE(Name)

}  // namespace keras::metrics
