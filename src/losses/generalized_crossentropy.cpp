#include "keras/losses/generalized_crossentropy.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor categorical_generalized_cross_entropy(const Tensor& y_true, const Tensor& y_pred, double q) {
  // As Keras: the labels cast to int and one-hot encoded over y_pred's last axis. A (batch, 1)
  // label column is not squeezed, so it broadcasts against y_pred into (batch, batch) losses —
  // Keras's result, kept.
  const std::int64_t classes = y_pred.shape().rank() > 0 ? y_pred.shape().dim(-1) : 1;
  Tensor one_hot =
      ops::cast(ops::one_hot(ops::cast(y_true, DType::int32), classes), y_pred.dtype());
  Tensor p = ops::sum(ops::multiply(y_pred, one_hot), -1);
  return ops::divide(ops::subtract(1.0, ops::power(p, scalar(q, y_pred.dtype()))), q);
}

namespace {

double checked_q(double q) {
  // Keras's check and message; NaN fails it too.
  if (!(0.0 < q && q < 1.0)) throw ValueError("q must be in the interval (0, 1)");
  return q;
}

}  // namespace

CategoricalGeneralizedCrossEntropy::CategoricalGeneralizedCrossEntropy(
    CategoricalGeneralizedCrossEntropyOptions o)
    : LossFunctionWrapper(
          [q = checked_q(o.q)](const Tensor& y_true, const Tensor& y_pred) {
            return categorical_generalized_cross_entropy(y_true, y_pred, q);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      q_(o.q) {}

ConfigValue CategoricalGeneralizedCrossEntropy::get_config() const {
  ConfigValue config = Loss::get_config();
  config["q"] = q_;
  return config;
}

}  // namespace keras::losses
