#include "keras/losses/binary_crossentropy.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred) {
  return binary_crossentropy(y_true, y_pred, false);
}

Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                           double label_smoothing, int axis) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  if (label_smoothing != 0.0)
    t = ops::add(ops::multiply(t, 1.0 - label_smoothing), 0.5 * label_smoothing);
  return ops::mean(ops::binary_crossentropy(t, y_pred, from_logits), axis);
}

BinaryCrossentropy::BinaryCrossentropy(BinaryCrossentropyOptions o)
    : LossFunctionWrapper(
          [from_logits = o.from_logits, smoothing = o.label_smoothing, axis = o.axis](
              const Tensor& y_true, const Tensor& y_pred) {
            return binary_crossentropy(y_true, y_pred, from_logits, smoothing, axis);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      from_logits_(o.from_logits),
      label_smoothing_(o.label_smoothing),
      axis_(o.axis) {}

ConfigValue BinaryCrossentropy::get_config() const {
  ConfigValue config = Loss::get_config();
  config["from_logits"] = from_logits_;
  config["label_smoothing"] = label_smoothing_;
  config["axis"] = axis_;
  return config;
}

}  // namespace keras::losses
