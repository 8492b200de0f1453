#pragma once
// keras.metrics IoU, BinaryIoU, MeanIoU, OneHotIoU and OneHotMeanIoU
// (keras/src/metrics/iou_metrics.py): intersection-over-union per class, TP / (TP + FP + FN),
// from a running confusion matrix, averaged over the target classes that occurred.
//
// As in Keras, these metrics are integer metrics (config dtype "int32"): labels and predictions
// given as floats are truncated to integers, and so are sample weights (0.5 counts as 0).
// Labels or predictions outside [0, num_classes), and labels equal to ignore_class, are left
// out. State: `total_confusion_matrix` (num_classes, num_classes), rows true, columns
// predicted; Keras's is int32, ours float32 holding the same integers (exact below 2^24).
#include <optional>
#include <vector>

#include "keras/metrics/metric.hpp"

namespace keras::metrics {

struct IoUOptions {
  int num_classes = 0;
  std::vector<int> target_class_ids = {};
  std::string name = "";  // empty: "io_u", "io_u_1", ... (Keras's auto_name)
  std::optional<int> ignore_class = std::nullopt;
  // false: that input holds scores (or one-hot rows) along `axis`, and its argmax is taken.
  bool sparse_y_true = true;
  bool sparse_y_pred = true;
  int axis = -1;
};
class IoUImpl : public Metric {
 public:
  using Options = IoUOptions;
  explicit IoUImpl(IoUOptions options);
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  using Metric::update_state;
  Tensor result() const override;
  std::string class_name() const override { return "IoU"; }
  // name, dtype, num_classes, target_class_ids, ignore_class, sparse_y_true, sparse_y_pred,
  // axis.
  ConfigValue get_config() const override;

  int num_classes() const { return num_classes_; }
  const std::vector<int>& target_class_ids() const { return target_class_ids_; }
  std::optional<int> ignore_class() const { return ignore_class_; }
  bool sparse_y_true() const { return sparse_y_true_; }
  bool sparse_y_pred() const { return sparse_y_pred_; }
  int axis() const { return axis_; }

 protected:
  // `auto_name_prefix` names the metric when options.name is empty (each class its own).
  IoUImpl(IoUOptions options, const std::string& auto_name_prefix);
  // The config's "dtype": these metrics are int32 metrics in Keras.
  static ConfigValue int_dtype() { return "int32"; }

 private:
  int num_classes_;
  std::vector<int> target_class_ids_;
  std::optional<int> ignore_class_;
  bool sparse_y_true_, sparse_y_pred_;
  int axis_;
  Variable total_cm_;
};
KERAS_HANDLE(IoU);

// Two classes; y_pred >= threshold predicts class 1.
struct BinaryIoUOptions {
  std::vector<int> target_class_ids = {0, 1};
  double threshold = 0.5;
  std::string name = "";  // empty: "binary_io_u", "binary_io_u_1", ... (Keras's auto_name)
};
class BinaryIoUImpl : public IoUImpl {
 public:
  using Options = BinaryIoUOptions;
  explicit BinaryIoUImpl(BinaryIoUOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  using Metric::update_state;
  std::string class_name() const override { return "BinaryIoU"; }
  // target_class_ids, threshold, name, dtype.
  ConfigValue get_config() const override;

 private:
  double threshold_;
};
KERAS_HANDLE(BinaryIoU);

// IoU over every class.
struct MeanIoUOptions {
  int num_classes = 0;
  std::string name = "";  // empty: "mean_io_u", "mean_io_u_1", ... (Keras's auto_name)
  std::optional<int> ignore_class = std::nullopt;
  bool sparse_y_true = true;
  bool sparse_y_pred = true;
  int axis = -1;
};
class MeanIoUImpl : public IoUImpl {
 public:
  using Options = MeanIoUOptions;
  explicit MeanIoUImpl(MeanIoUOptions options);
  std::string class_name() const override { return "MeanIoU"; }
  // num_classes, name, dtype, ignore_class, sparse_y_true, sparse_y_pred, axis.
  ConfigValue get_config() const override;
};
KERAS_HANDLE(MeanIoU);

// IoU with one-hot labels (and, unless sparse_y_pred, scores per class).
struct OneHotIoUOptions {
  int num_classes = 0;
  std::vector<int> target_class_ids = {};
  std::string name = "";  // empty: "one_hot_io_u", "one_hot_io_u_1", ... (Keras's auto_name)
  std::optional<int> ignore_class = std::nullopt;
  bool sparse_y_pred = false;
  int axis = -1;
};
class OneHotIoUImpl : public IoUImpl {
 public:
  using Options = OneHotIoUOptions;
  explicit OneHotIoUImpl(OneHotIoUOptions options);
  std::string class_name() const override { return "OneHotIoU"; }
  // num_classes, target_class_ids, name, dtype, ignore_class, sparse_y_pred, axis.
  ConfigValue get_config() const override;
};
KERAS_HANDLE(OneHotIoU);

// MeanIoU with one-hot labels.
struct OneHotMeanIoUOptions {
  int num_classes = 0;
  std::string name =
      "";  // empty: "one_hot_mean_io_u", "one_hot_mean_io_u_1", ... (Keras's auto_name)
  std::optional<int> ignore_class = std::nullopt;
  bool sparse_y_pred = false;
  int axis = -1;
};
class OneHotMeanIoUImpl : public IoUImpl {
 public:
  using Options = OneHotMeanIoUOptions;
  explicit OneHotMeanIoUImpl(OneHotMeanIoUOptions options);
  std::string class_name() const override { return "OneHotMeanIoU"; }
  // num_classes, name, dtype, ignore_class, sparse_y_pred, axis.
  ConfigValue get_config() const override;
};
KERAS_HANDLE(OneHotMeanIoU);

}  // namespace keras::metrics
