#include "keras/metrics/regression_metrics.hpp"

#include "keras/losses/mean_absolute_error.hpp"
#include "keras/losses/mean_squared_error.hpp"

namespace keras::metrics {

MeanSquaredError::MeanSquaredError(MeanSquaredErrorOptions o)
    : MeanMetricWrapper(losses::mean_squared_error, std::move(o.name)) {}

MeanAbsoluteError::MeanAbsoluteError(MeanAbsoluteErrorOptions o)
    : MeanMetricWrapper(losses::mean_absolute_error, std::move(o.name)) {}

}  // namespace keras::metrics
