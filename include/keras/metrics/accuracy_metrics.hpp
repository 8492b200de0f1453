#pragma once
// keras.metrics accuracy functions and metrics (keras/src/metrics/accuracy_metrics.py). Each
// function returns per-sample values of 1.0 (hit) or 0.0 (miss) in float32; each metric is the
// running (weighted) mean of its function.
#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

// y_pred == y_true elementwise (y_true cast to y_pred's dtype).
Tensor accuracy(const Tensor& y_true, const Tensor& y_pred);
// (y_pred > threshold) == y_true. The two-argument overloads here use Keras's defaults and can
// be passed where a metric function is expected.
Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_accuracy(const Tensor& y_true, const Tensor& y_pred, double threshold);
// argmax(y_true, -1) == argmax(y_pred, -1) for one-hot labels.
Tensor categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
// y_true == argmax(y_pred, -1) for integer labels (a trailing label dim of 1 is squeezed).
Tensor sparse_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
// Whether the one-hot label's class is among the k highest predictions (ties count as in).
Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k);
// Whether the integer label is among the k highest predictions; with from_sorted_ids, y_pred
// holds class ids sorted by score and the label must be among its first k. Labels outside
// [0, num_classes) are a ValueError (not read out of bounds).
Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred);
Tensor sparse_top_k_categorical_accuracy(const Tensor& y_true, const Tensor& y_pred, int k,
                                         bool from_sorted_ids = false);

struct AccuracyOptions {
  std::string name = "accuracy";
};
class AccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = AccuracyOptions;
  explicit AccuracyImpl(AccuracyOptions options = {});
  std::string class_name() const override { return "Accuracy"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
};
KERAS_HANDLE(Accuracy);

struct BinaryAccuracyOptions {
  std::string name = "binary_accuracy";
  double threshold = 0.5;
};
class BinaryAccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = BinaryAccuracyOptions;
  explicit BinaryAccuracyImpl(BinaryAccuracyOptions options = {});
  std::string class_name() const override { return "BinaryAccuracy"; }
  ConfigValue get_config() const override;  // name, dtype, threshold
  double threshold() const { return threshold_; }

 private:
  double threshold_;
};
KERAS_HANDLE(BinaryAccuracy);

struct CategoricalAccuracyOptions {
  std::string name = "categorical_accuracy";
};
class CategoricalAccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = CategoricalAccuracyOptions;
  explicit CategoricalAccuracyImpl(CategoricalAccuracyOptions options = {});
  std::string class_name() const override { return "CategoricalAccuracy"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
};
KERAS_HANDLE(CategoricalAccuracy);

struct SparseCategoricalAccuracyOptions {
  std::string name = "sparse_categorical_accuracy";
};
class SparseCategoricalAccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = SparseCategoricalAccuracyOptions;
  explicit SparseCategoricalAccuracyImpl(SparseCategoricalAccuracyOptions options = {});
  std::string class_name() const override { return "SparseCategoricalAccuracy"; }
  ConfigValue get_config() const override { return Metric::get_config(); }
};
KERAS_HANDLE(SparseCategoricalAccuracy);

struct TopKCategoricalAccuracyOptions {
  int k = 5;
  std::string name = "top_k_categorical_accuracy";
};
class TopKCategoricalAccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = TopKCategoricalAccuracyOptions;
  explicit TopKCategoricalAccuracyImpl(TopKCategoricalAccuracyOptions options = {});
  std::string class_name() const override { return "TopKCategoricalAccuracy"; }
  ConfigValue get_config() const override;  // name, dtype, k
  int k() const { return k_; }

 private:
  int k_;
};
KERAS_HANDLE(TopKCategoricalAccuracy);

struct SparseTopKCategoricalAccuracyOptions {
  int k = 5;
  std::string name = "sparse_top_k_categorical_accuracy";
  bool from_sorted_ids = false;
};
class SparseTopKCategoricalAccuracyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = SparseTopKCategoricalAccuracyOptions;
  explicit SparseTopKCategoricalAccuracyImpl(SparseTopKCategoricalAccuracyOptions options = {});
  std::string class_name() const override { return "SparseTopKCategoricalAccuracy"; }
  ConfigValue get_config() const override;  // name, dtype, k (+ from_sorted_ids when true)
  int k() const { return k_; }
  bool from_sorted_ids() const { return from_sorted_ids_; }

 private:
  int k_;
  bool from_sorted_ids_;
};
KERAS_HANDLE(SparseTopKCategoricalAccuracy);

}  // namespace keras::metrics
