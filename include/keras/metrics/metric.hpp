#pragma once
// `Metric`: the base of every metric, as keras.metrics.Metric. State lives in non-trainable
// float32 Variables (Keras's `total`, `count`, ...). Metrics live behind shared handles
// (keras/core/handle.hpp): `metrics::Mean m;` is a handle to a `MeanImpl`, and the metric given
// to compile is the one the model updates (`m->result()` after fit). A metric is not copyable.
// Updates never record on a GradientTape.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/handle.hpp"
#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"

namespace keras::metrics {

// A metric function of (y_true, y_pred) returning per-sample values.
using MetricFn = std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;

class Metric {
 public:
  explicit Metric(std::string name);
  virtual ~Metric() = default;
  Metric(const Metric&) = delete;
  Metric& operator=(const Metric&) = delete;

  // Accumulates statistics for one batch; an undefined sample_weight means none.
  virtual void update_state(const Tensor& y_true, const Tensor& y_pred,
                            const Tensor& sample_weight = Tensor()) = 0;
  // Reduction metrics (Mean, Sum) also take values alone, so a custom train_step can update
  // every metric of `model.metrics()` through this base, as Keras's guide does
  // (`metric.update_state(loss)` for the loss tracker). Others: TypeError, as in Python.
  virtual void update_state(const Tensor& values);
  // The current value: a float32 scalar (one per threshold for the confusion-matrix metrics
  // given several thresholds, as in Keras).
  virtual Tensor result() const = 0;
  // Sets every state variable back to zero.
  virtual void reset_state();

  const std::string& name() const { return name_; }
  // Renames the metric (compile() names a metric after the user's string). The variables keep
  // the path they were created under, as in Keras.
  void set_name(std::string name) { name_ = std::move(name); }
  // The state variables in creation order (Keras's order).
  std::vector<Variable> variables() const { return variables_; }
  // "float32": metrics compute in floatx.
  std::string dtype() const;

  virtual std::string class_name() const = 0;
  // {"name": ..., "dtype": ...}; subclasses append their arguments in Keras's order.
  virtual ConfigValue get_config() const;

 protected:
  // A scalar float32 zero, non-trainable, named `name` with path "<metric name>/<name>".
  Variable add_variable(const std::string& name);
  // The same with a shape (a confusion matrix, per-class sums), zero-filled.
  Variable add_variable(const std::string& name, const Shape& shape);

 private:
  std::string name_;
  std::vector<Variable> variables_;
};

}  // namespace keras::metrics
