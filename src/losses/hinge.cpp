#include "keras/losses/hinge.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

namespace {

// Keras's convert_binary_labels_to_hinge: 2y - 1 when every label is 0 or 1, else y unchanged
// (an ops.cond on the data; here the tensors are concrete, so the test is read directly).
Tensor hinge_labels(const Tensor& y_true) {
  if (y_true.size() == 0) return y_true;
  Tensor is_binary = ops::all(ops::logical_or(ops::equal(y_true, 0.0), ops::equal(y_true, 1.0)));
  if (!ops::cast(is_binary, DType::int32).item<std::int32_t>()) return y_true;
  return ops::subtract(ops::multiply(y_true, 2.0), 1.0);
}

Tensor margin(const Tensor& y_true, const Tensor& y_pred) {
  Tensor t = hinge_labels(ops::cast(y_true, y_pred.dtype()));
  return ops::maximum(ops::subtract(1.0, ops::multiply(t, y_pred)), 0.0);
}

}  // namespace

Tensor hinge(const Tensor& y_true, const Tensor& y_pred) {
  return ops::mean(margin(y_true, y_pred), -1);
}

Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred) {
  return ops::mean(ops::square(margin(y_true, y_pred)), -1);
}

Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  Tensor pos = ops::sum(ops::multiply(t, y_pred), -1);
  Tensor neg = ops::max(ops::multiply(ops::subtract(1.0, t), y_pred), -1);
  return ops::maximum(ops::add(ops::subtract(neg, pos), 1.0), 0.0);
}

Hinge::Hinge(HingeOptions o)
    : LossFunctionWrapper(hinge, {.reduction = std::move(o.reduction), .name = std::move(o.name)}) {
}

SquaredHinge::SquaredHinge(SquaredHingeOptions o)
    : LossFunctionWrapper(squared_hinge,
                          {.reduction = std::move(o.reduction), .name = std::move(o.name)}) {}

CategoricalHinge::CategoricalHinge(CategoricalHingeOptions o)
    : LossFunctionWrapper(categorical_hinge,
                          {.reduction = std::move(o.reduction), .name = std::move(o.name)}) {}

}  // namespace keras::losses
