#include "keras/metrics/hinge_metrics.hpp"

#include "keras/losses/hinge.hpp"

namespace keras::metrics {

HingeImpl::HingeImpl(HingeOptions o) : MeanMetricWrapperImpl(losses::hinge, std::move(o.name)) {}

SquaredHingeImpl::SquaredHingeImpl(SquaredHingeOptions o)
    : MeanMetricWrapperImpl(losses::squared_hinge, std::move(o.name)) {}

CategoricalHingeImpl::CategoricalHingeImpl(CategoricalHingeOptions o)
    : MeanMetricWrapperImpl(losses::categorical_hinge, std::move(o.name)) {}

}  // namespace keras::metrics
