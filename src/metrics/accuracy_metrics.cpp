#include "keras/metrics/accuracy_metrics.hpp"

namespace keras::metrics {

AccuracyImpl::AccuracyImpl(AccuracyOptions o)
    : MeanMetricWrapperImpl(accuracy, std::move(o.name)) {}

BinaryAccuracyImpl::BinaryAccuracyImpl(BinaryAccuracyOptions o)
    : MeanMetricWrapperImpl(
          [threshold = o.threshold](const Tensor& y_true, const Tensor& y_pred) {
            return binary_accuracy(y_true, y_pred, threshold);
          },
          std::move(o.name)),
      threshold_(o.threshold) {}

ConfigValue BinaryAccuracyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["threshold"] = threshold_;
  return config;
}

CategoricalAccuracyImpl::CategoricalAccuracyImpl(CategoricalAccuracyOptions o)
    : MeanMetricWrapperImpl(categorical_accuracy, std::move(o.name)) {}

SparseCategoricalAccuracyImpl::SparseCategoricalAccuracyImpl(SparseCategoricalAccuracyOptions o)
    : MeanMetricWrapperImpl(sparse_categorical_accuracy, std::move(o.name)) {}

TopKCategoricalAccuracyImpl::TopKCategoricalAccuracyImpl(TopKCategoricalAccuracyOptions o)
    : MeanMetricWrapperImpl(
          [k = o.k](const Tensor& y_true, const Tensor& y_pred) {
            return top_k_categorical_accuracy(y_true, y_pred, k);
          },
          std::move(o.name)),
      k_(o.k) {}

ConfigValue TopKCategoricalAccuracyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["k"] = k_;
  return config;
}

SparseTopKCategoricalAccuracyImpl::SparseTopKCategoricalAccuracyImpl(
    SparseTopKCategoricalAccuracyOptions o)
    : MeanMetricWrapperImpl(
          [k = o.k, sorted = o.from_sorted_ids](const Tensor& y_true, const Tensor& y_pred) {
            return sparse_top_k_categorical_accuracy(y_true, y_pred, k, sorted);
          },
          std::move(o.name)),
      k_(o.k),
      from_sorted_ids_(o.from_sorted_ids) {}

ConfigValue SparseTopKCategoricalAccuracyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["k"] = k_;
  if (from_sorted_ids_) config["from_sorted_ids"] = true;
  return config;
}

}  // namespace keras::metrics
