#include "keras/metrics/accuracy_metrics.hpp"

namespace keras::metrics {

Accuracy::Accuracy(AccuracyOptions o) : MeanMetricWrapper(accuracy, std::move(o.name)) {}

BinaryAccuracy::BinaryAccuracy(BinaryAccuracyOptions o)
    : MeanMetricWrapper(
          [threshold = o.threshold](const Tensor& y_true, const Tensor& y_pred) {
            return binary_accuracy(y_true, y_pred, threshold);
          },
          std::move(o.name)),
      threshold_(o.threshold) {}

ConfigValue BinaryAccuracy::get_config() const {
  ConfigValue config = Metric::get_config();
  config["threshold"] = threshold_;
  return config;
}

CategoricalAccuracy::CategoricalAccuracy(CategoricalAccuracyOptions o)
    : MeanMetricWrapper(categorical_accuracy, std::move(o.name)) {}

SparseCategoricalAccuracy::SparseCategoricalAccuracy(SparseCategoricalAccuracyOptions o)
    : MeanMetricWrapper(sparse_categorical_accuracy, std::move(o.name)) {}

TopKCategoricalAccuracy::TopKCategoricalAccuracy(TopKCategoricalAccuracyOptions o)
    : MeanMetricWrapper(
          [k = o.k](const Tensor& y_true, const Tensor& y_pred) {
            return top_k_categorical_accuracy(y_true, y_pred, k);
          },
          std::move(o.name)),
      k_(o.k) {}

ConfigValue TopKCategoricalAccuracy::get_config() const {
  ConfigValue config = Metric::get_config();
  config["k"] = k_;
  return config;
}

SparseTopKCategoricalAccuracy::SparseTopKCategoricalAccuracy(SparseTopKCategoricalAccuracyOptions o)
    : MeanMetricWrapper(
          [k = o.k, sorted = o.from_sorted_ids](const Tensor& y_true, const Tensor& y_pred) {
            return sparse_top_k_categorical_accuracy(y_true, y_pred, k, sorted);
          },
          std::move(o.name)),
      k_(o.k),
      from_sorted_ids_(o.from_sorted_ids) {}

ConfigValue SparseTopKCategoricalAccuracy::get_config() const {
  ConfigValue config = Metric::get_config();
  config["k"] = k_;
  if (from_sorted_ids_) config["from_sorted_ids"] = true;
  return config;
}

}  // namespace keras::metrics
