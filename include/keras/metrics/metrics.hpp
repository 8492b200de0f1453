#pragma once
// keras.metrics: every metric, the registry of Keras identifiers, and `Spec` (spec.hpp), what
// `compile(.metrics = {...})` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/metrics/accuracy_metrics.hpp"
#include "keras/metrics/confusion_metrics.hpp"
#include "keras/metrics/correlation_metrics.hpp"
#include "keras/metrics/f_score_metrics.hpp"
#include "keras/metrics/hinge_metrics.hpp"
#include "keras/metrics/iou_metrics.hpp"
#include "keras/metrics/metric.hpp"
#include "keras/metrics/probabilistic_metrics.hpp"
#include "keras/metrics/reduction_metrics.hpp"
#include "keras/metrics/regression_metrics.hpp"
#include "keras/metrics/spec.hpp"

namespace keras::metrics {

// The identifiers `get` accepts.
std::vector<std::string> all_names();
// The README's table of metric classes with their snake_case names and aliases, one row per
// class in the registry's order (`keraspp metrics` prints it).
std::string supported_metrics_markdown();

// Builds a metric from {"class_name": ..., "config": {...}} (as Keras writes it) or a string.
std::shared_ptr<Metric> deserialize(const ConfigValue& config);
// {"module": "keras.metrics", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Metric& metric);

// Keras's compile_utils.get_metric. "accuracy"/"acc" (any case) become BinaryAccuracy when
// y_pred's last dim is 1, SparseCategoricalAccuracy when y_true has lower rank than y_pred or a
// last dim of 1 against more than one class, CategoricalAccuracy otherwise. A string gives a
// fresh metric named as written ("acc", "mse"); objects keep their own name.
// An empty Spec -> ValueError.
std::shared_ptr<Metric> resolve(const Spec& spec, const Shape& y_true_shape,
                                const Shape& y_pred_shape);

}  // namespace keras::metrics
