#include "keras/metrics/regression_metrics.hpp"

#include "keras/losses/mean_absolute_error.hpp"
#include "keras/losses/mean_squared_error.hpp"

namespace keras::metrics {

MeanSquaredErrorImpl::MeanSquaredErrorImpl(MeanSquaredErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_squared_error, std::move(o.name)) {}

MeanAbsoluteErrorImpl::MeanAbsoluteErrorImpl(MeanAbsoluteErrorOptions o)
    : MeanMetricWrapperImpl(losses::mean_absolute_error, std::move(o.name)) {}

}  // namespace keras::metrics
