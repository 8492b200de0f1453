#include "keras/losses/sparse_categorical_crossentropy.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

LossValues sparse_categorical_crossentropy_with_mask(const Tensor& y_true, const Tensor& y_pred,
                                                     bool from_logits,
                                                     std::optional<int> ignore_class, int axis) {
  if (y_pred.rank() < 1)
    throw ValueError(
        "sparse_categorical_crossentropy: argument `y_pred` must be at least "
        "rank 1. Received: y_pred.shape=" +
        y_pred.shape().to_string());
  const int class_axis =
      normalize_axis(axis, y_pred.rank(), "sparse_categorical_crossentropy axis");
  Tensor labels = y_true;
  if (labels.rank() == y_pred.rank() && labels.shape()[class_axis] == 1)
    labels = ops::squeeze(labels, class_axis);
  if (!ignore_class) {
    return {ops::sparse_categorical_crossentropy(labels, y_pred, from_logits, axis), Tensor()};
  }
  Tensor valid = ops::not_equal(labels, static_cast<double>(*ignore_class));
  labels = ops::where(valid, labels, ops::zeros_like(labels));
  // Keras also zeroes y_pred at ignored positions; their losses are replaced by 0 below and get
  // no gradient either way, so y_pred is left as is (zero probabilities would only make NaNs
  // that the `where` then hides).
  Tensor res = ops::sparse_categorical_crossentropy(labels, y_pred, from_logits, axis);
  valid = ops::reshape(valid, res.shape());
  res = ops::where(valid, res, ops::zeros_like(res));
  return {res, valid};
}

Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred) {
  return sparse_categorical_crossentropy(y_true, y_pred, false);
}

Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                                       std::optional<int> ignore_class, int axis) {
  return sparse_categorical_crossentropy_with_mask(y_true, y_pred, from_logits, ignore_class, axis)
      .values;
}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions o)
    : LossFunctionWrapper(
          [from_logits = o.from_logits, ignore = o.ignore_class, axis = o.axis](
              const Tensor& y_true, const Tensor& y_pred) {
            return sparse_categorical_crossentropy(y_true, y_pred, from_logits, ignore, axis);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      from_logits_(o.from_logits),
      ignore_class_(o.ignore_class),
      axis_(o.axis) {}

LossValues SparseCategoricalCrossentropy::call_with_mask(const Tensor& y_true,
                                                         const Tensor& y_pred) const {
  auto [t, p] = squeeze_or_expand_to_same_rank(y_true, y_pred);
  return sparse_categorical_crossentropy_with_mask(t, p, from_logits_, ignore_class_, axis_);
}

ConfigValue SparseCategoricalCrossentropy::get_config() const {
  ConfigValue config = Loss::get_config();
  config["from_logits"] = from_logits_;
  config["ignore_class"] = ignore_class_ ? ConfigValue(*ignore_class_) : ConfigValue();
  return config;
}

}  // namespace keras::losses
