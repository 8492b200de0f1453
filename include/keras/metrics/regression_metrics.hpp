#pragma once
// keras.metrics.MeanSquaredError and MeanAbsoluteError: running means of the loss functions
// losses::mean_squared_error / mean_absolute_error.
#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

struct MeanSquaredErrorOptions {
  std::string name = "mean_squared_error";
};
class MeanSquaredErrorImpl : public MeanMetricWrapperImpl {
 public:
  using Options = MeanSquaredErrorOptions;
  explicit MeanSquaredErrorImpl(MeanSquaredErrorOptions options = {});
  std::string class_name() const override { return "MeanSquaredError"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
};
KERAS_HANDLE(MeanSquaredError);

struct MeanAbsoluteErrorOptions {
  std::string name = "mean_absolute_error";
};
class MeanAbsoluteErrorImpl : public MeanMetricWrapperImpl {
 public:
  using Options = MeanAbsoluteErrorOptions;
  explicit MeanAbsoluteErrorImpl(MeanAbsoluteErrorOptions options = {});
  std::string class_name() const override { return "MeanAbsoluteError"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
};
KERAS_HANDLE(MeanAbsoluteError);

}  // namespace keras::metrics
