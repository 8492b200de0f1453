#include "keras/metrics/iou_metrics.hpp"
#include "src/core/config_reader.hpp"

#include <algorithm>

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/utils/naming.hpp"

namespace keras::metrics {

namespace {

ConfigValue int_list(const std::vector<int>& ids) {
  ConfigValue::List list;
  for (int id : ids) list.emplace_back(id);
  return ConfigValue(std::move(list));
}

std::vector<int> all_classes(int num_classes) {
  std::vector<int> ids(static_cast<std::size_t>(std::max(num_classes, 0)));
  for (int i = 0; i < num_classes; ++i) ids[static_cast<std::size_t>(i)] = i;
  return ids;
}

// Keras converts to the metric's int32 dtype: floats are truncated toward zero.
Tensor to_int_flat(const Tensor& x) {
  Tensor i = ops::cast(x, DType::int32);
  return i.rank() == 1 ? i : ops::reshape(i, Shape{i.shape().size()});
}

}  // namespace

IoUImpl::IoUImpl(IoUOptions o) : IoUImpl(std::move(o), "io_u") {}

IoUImpl::IoUImpl(IoUOptions o, const std::string& auto_name_prefix)
    : Metric(o.name.empty() ? utils::auto_name(auto_name_prefix) : std::move(o.name)),
      num_classes_(o.num_classes),
      target_class_ids_(std::move(o.target_class_ids)),
      ignore_class_(o.ignore_class),
      sparse_y_true_(o.sparse_y_true),
      sparse_y_pred_(o.sparse_y_pred),
      axis_(o.axis) {
  if (num_classes_ < 1)
    throw ValueError("`num_classes` must be a positive integer. Received: num_classes=" +
                     std::to_string(num_classes_));
  if (target_class_ids_.empty())
    throw ValueError("`target_class_ids` must hold at least one class id, received none");
  const int max_id = *std::max_element(target_class_ids_.begin(), target_class_ids_.end());
  if (max_id >= num_classes_)
    throw ValueError("Target class id " + std::to_string(max_id) +
                     " is out of range, which is [0, " + std::to_string(num_classes_) + ").");
  const int min_id = *std::min_element(target_class_ids_.begin(), target_class_ids_.end());
  if (min_id < 0)
    throw ValueError("Target class id " + std::to_string(min_id) +
                     " is out of range, which is [0, " + std::to_string(num_classes_) + ").");
  total_cm_ = add_variable("total_confusion_matrix", Shape{num_classes_, num_classes_});
}

void IoUImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                           const Tensor& sample_weight) {
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Metric '" + name() + "': `y_true` and `y_pred` must be defined tensors");
  const Tensor t = to_int_flat(sparse_y_true_ ? y_true : ops::argmax(y_true, axis_));
  const Tensor p = to_int_flat(sparse_y_pred_ ? y_pred : ops::argmax(y_pred, axis_));
  if (t.shape() != p.shape())
    throw ValueError(class_name() + ": y_true and y_pred must hold as many entries, received " +
                     t.shape().to_string() + " and " + p.shape().to_string() +
                     " (after argmax and flattening)");
  Tensor w = sample_weight.defined() ? to_int_flat(sample_weight) : scalar(1.0, DType::int32);
  try {
    w = ops::broadcast_to(w, t.shape());
  } catch (const ValueError&) {
    throw ValueError(class_name() + ": `sample_weight` of shape " +
                     sample_weight.shape().to_string() + " cannot be broadcast to the " +
                     t.shape().to_string() + " labels");
  }
  const Tensor n = scalar(num_classes_, DType::int32), zero = scalar(0, DType::int32);
  Tensor in_bounds =
      ops::logical_and(ops::logical_and(ops::greater_equal(t, zero), ops::less(t, n)),
                       ops::logical_and(ops::greater_equal(p, zero), ops::less(p, n)));
  if (ignore_class_)
    in_bounds =
        ops::logical_and(in_bounds, ops::not_equal(t, scalar(*ignore_class_, DType::int32)));
  const Tensor tc = ops::where(in_bounds, t, zero), pc = ops::where(in_bounds, p, zero);
  const Tensor wf = ops::cast(ops::where(in_bounds, w, zero), DType::float32);
  // confusion[i][j] = sum of the weights of entries labelled i and predicted j.
  const Tensor rows = ops::multiply(ops::one_hot(tc, num_classes_), ops::expand_dims(wf, 1));
  const Tensor cm = ops::matmul(ops::transpose(rows), ops::one_hot(pc, num_classes_));
  total_cm_.assign(ops::add(total_cm_.value(), cm));
}

Tensor IoUImpl::result() const {
  NoGrad no_grad;
  const Tensor cm = total_cm_.value();
  const Tensor tp = ops::sum(ops::multiply(cm, ops::eye(num_classes_)), {1});
  const Tensor denominator = ops::subtract(ops::add(ops::sum(cm, {0}), ops::sum(cm, {1})), tp);
  const Tensor ids = tensor<std::int32_t>(
      std::vector<std::int32_t>(target_class_ids_.begin(), target_class_ids_.end()),
      Shape{static_cast<std::int64_t>(target_class_ids_.size())});
  const Tensor tp_t = ops::take(tp, ids), den_t = ops::take(denominator, ids);
  const Tensor valid = ops::greater(den_t, scalar(1e-9));
  const Tensor eps = scalar(config::epsilon());
  const Tensor iou = ops::where(valid, ops::divide(tp_t, ops::add(den_t, eps)), scalar(0.0));
  // Keras sums along `axis` here too, so an axis other than -1 or 0 fails at result().
  if (axis_ != -1 && axis_ != 0)
    throw ValueError(class_name() + ".result(): axis " + std::to_string(axis_) +
                     " is out of bounds for the 1-D per-class IoUs (Keras sums them along "
                     "`axis` as well, so only axis -1 or 0 gives a result)");
  return ops::divide(ops::sum(iou), ops::add(ops::sum(ops::cast(valid, DType::float32)), eps));
}

ConfigValue IoUImpl::get_config() const {
  return ConfigValue::Dict{{"name", name()},
                           {"dtype", int_dtype()},
                           {"num_classes", num_classes_},
                           {"target_class_ids", int_list(target_class_ids_)},
                           {"ignore_class", keras::detail::optional_config_value(ignore_class_)},
                           {"sparse_y_true", sparse_y_true_},
                           {"sparse_y_pred", sparse_y_pred_},
                           {"axis", axis_}};
}

BinaryIoUImpl::BinaryIoUImpl(BinaryIoUOptions o)
    : IoUImpl({.num_classes = 2,
               .target_class_ids = std::move(o.target_class_ids),
               .name = std::move(o.name)},
              "binary_io_u"),
      threshold_(o.threshold) {}

void BinaryIoUImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                 const Tensor& sample_weight) {
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Metric '" + name() + "': `y_true` and `y_pred` must be defined tensors");
  // Keras truncates y_true to int32 too: a soft label 0.7 is class 0.
  const Tensor predicted = ops::cast(
      ops::greater_equal(ops::cast(y_pred, DType::float32), scalar(threshold_)), DType::int32);
  IoUImpl::update_state(ops::cast(y_true, DType::int32), predicted, sample_weight);
}

ConfigValue BinaryIoUImpl::get_config() const {
  return ConfigValue::Dict{{"target_class_ids", int_list(target_class_ids())},
                           {"threshold", threshold_},
                           {"name", name()},
                           {"dtype", int_dtype()}};
}

MeanIoUImpl::MeanIoUImpl(MeanIoUOptions o)
    : IoUImpl({.num_classes = o.num_classes,
               .target_class_ids = all_classes(o.num_classes),
               .name = std::move(o.name),
               .ignore_class = o.ignore_class,
               .sparse_y_true = o.sparse_y_true,
               .sparse_y_pred = o.sparse_y_pred,
               .axis = o.axis},
              "mean_io_u") {}

ConfigValue MeanIoUImpl::get_config() const {
  return ConfigValue::Dict{{"num_classes", num_classes()},
                           {"name", name()},
                           {"dtype", int_dtype()},
                           {"ignore_class", keras::detail::optional_config_value(ignore_class())},
                           {"sparse_y_true", sparse_y_true()},
                           {"sparse_y_pred", sparse_y_pred()},
                           {"axis", axis()}};
}

OneHotIoUImpl::OneHotIoUImpl(OneHotIoUOptions o)
    : IoUImpl({.num_classes = o.num_classes,
               .target_class_ids = std::move(o.target_class_ids),
               .name = std::move(o.name),
               .ignore_class = o.ignore_class,
               .sparse_y_true = false,
               .sparse_y_pred = o.sparse_y_pred,
               .axis = o.axis},
              "one_hot_io_u") {}

ConfigValue OneHotIoUImpl::get_config() const {
  return ConfigValue::Dict{{"num_classes", num_classes()},
                           {"target_class_ids", int_list(target_class_ids())},
                           {"name", name()},
                           {"dtype", int_dtype()},
                           {"ignore_class", keras::detail::optional_config_value(ignore_class())},
                           {"sparse_y_pred", sparse_y_pred()},
                           {"axis", axis()}};
}

OneHotMeanIoUImpl::OneHotMeanIoUImpl(OneHotMeanIoUOptions o)
    : IoUImpl({.num_classes = o.num_classes,
               .target_class_ids = all_classes(o.num_classes),
               .name = std::move(o.name),
               .ignore_class = o.ignore_class,
               .sparse_y_true = false,
               .sparse_y_pred = o.sparse_y_pred,
               .axis = o.axis},
              "one_hot_mean_io_u") {}

ConfigValue OneHotMeanIoUImpl::get_config() const {
  return ConfigValue::Dict{{"num_classes", num_classes()},
                           {"name", name()},
                           {"dtype", int_dtype()},
                           {"ignore_class", keras::detail::optional_config_value(ignore_class())},
                           {"sparse_y_pred", sparse_y_pred()},
                           {"axis", axis()}};
}

}  // namespace keras::metrics
