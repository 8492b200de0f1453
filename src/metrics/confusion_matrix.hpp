#pragma once
// Internal: Keras's metrics_utils for the confusion-matrix metrics — the threshold helpers and
// update_confusion_matrix_variables, which adds one batch's weighted true/false
// positive/negative counts per threshold to the metric's variables.
#include <optional>
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"

namespace keras::metrics {
class Thresholds;
}

namespace keras::metrics::detail {

// Keras's NEG_INF: what top_k filtering gives the predictions outside the top k, and the
// default threshold of Precision/Recall with top_k.
constexpr double kNegInf = -1e10;

// The thresholds as a list: the given ones (each must be in [0, 1]: ValueError listing the
// others, as Keras's assert_thresholds_range) or the default alone.
std::vector<double> parse_init_thresholds(const Thresholds& thresholds, double default_threshold);

// Whether the thresholds are i / (n - 1) for i in [0, n) up to numpy.allclose with
// atol = epsilon (n >= 3): then a prediction's bucket is found arithmetically.
bool is_evenly_distributed_thresholds(const std::vector<double>& thresholds);

// The variables to add to; an undefined Variable is not updated.
struct ConfusionVariables {
  Variable true_positives{}, false_positives{}, true_negatives{}, false_negatives{};
};

struct ConfusionUpdate {
  std::vector<double> thresholds;
  bool thresholds_distributed_evenly = false;
  std::optional<int> top_k{};
  std::optional<int> class_id{};
  bool multi_label = false;       // counts per label: variables of (thresholds, labels)
  Tensor label_weights{};         // (labels,), applied per prediction; not with multi_label
  std::string metric = "metric";  // the metric's class name, for messages
};

// Keras's update_confusion_matrix_variables: y_pred and y_true are brought to the same rank
// (then must have the same shape: ValueError), sample_weight to theirs; top_k keeps the k
// highest predictions of each sample (ties to the lower index, as top_k does), class_id one
// column; then for each threshold t, the weight of every (label, prediction > t) pair goes to
// its count. Evenly distributed thresholds take Keras's bucketed route (predictions clipped to
// [0, 1], bucket ceil(p * (n - 1)) - 1), which decides ties as Keras does.
void update_confusion_matrix_variables(const ConfusionVariables& variables, const Tensor& y_true,
                                       const Tensor& y_pred, const Tensor& sample_weight,
                                       const ConfusionUpdate& update);

// Keras's Python repr of a list of floats, for messages.
std::string float_list_repr(const std::vector<double>& values);

}  // namespace keras::metrics::detail
