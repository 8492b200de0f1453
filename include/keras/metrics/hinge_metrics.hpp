#pragma once
// keras.metrics.Hinge, SquaredHinge and CategoricalHinge (keras/src/metrics/hinge_metrics.py):
// running means of losses::hinge, squared_hinge and categorical_hinge.
#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

KERAS_MEAN_METRIC_OF_FUNCTION(Hinge, "hinge");
KERAS_MEAN_METRIC_OF_FUNCTION(SquaredHinge, "squared_hinge");
KERAS_MEAN_METRIC_OF_FUNCTION(CategoricalHinge, "categorical_hinge");

}  // namespace keras::metrics
