#include "keras/losses/focal_crossentropy.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred) {
  return binary_focal_crossentropy(y_true, y_pred, false);
}

Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                 bool apply_class_balancing, double alpha, double gamma,
                                 bool from_logits, double label_smoothing, int axis) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  if (label_smoothing != 0.0)
    t = ops::add(ops::multiply(t, 1.0 - label_smoothing), 0.5 * label_smoothing);
  // As Keras: logits go through a sigmoid and then the clipped probability formula (not the
  // stable logits one), so both paths give the same numbers.
  Tensor p = from_logits ? ops::sigmoid(y_pred) : y_pred;
  Tensor bce = ops::binary_crossentropy(t, p, false);
  // p_t: the probability given to the true class (unclipped, as Keras).
  Tensor one_minus_t = ops::subtract(1.0, t);
  Tensor p_t = ops::add(ops::multiply(t, p), ops::multiply(one_minus_t, ops::subtract(1.0, p)));
  Tensor focal = ops::multiply(ops::power(ops::subtract(1.0, p_t), gamma), bce);
  if (apply_class_balancing) {
    Tensor weight = ops::add(ops::multiply(t, alpha), ops::multiply(one_minus_t, 1.0 - alpha));
    focal = ops::multiply(weight, focal);
  }
  return ops::mean(focal, axis);
}

Tensor categorical_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred) {
  return categorical_focal_crossentropy(y_true, y_pred, 0.25);
}

Tensor categorical_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred, double alpha,
                                      double gamma, bool from_logits, double label_smoothing,
                                      int axis) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  if (label_smoothing != 0.0 && t.rank() > 0) {
    // Keras takes the class count from the last axis whatever `axis` is.
    const double num_classes = static_cast<double>(t.shape().dim(-1));
    t = ops::add(ops::multiply(t, 1.0 - label_smoothing), label_smoothing / num_classes);
  }
  Tensor p = from_logits ? ops::softmax(y_pred, axis) : y_pred;
  Tensor output = ops::divide(p, ops::sum(p, axis, true));
  const double eps = config::epsilon();
  output = ops::clip(output, eps, 1.0 - eps);
  Tensor cce = ops::multiply(ops::negative(t), ops::log(output));
  Tensor weighting = ops::multiply(ops::power(ops::subtract(1.0, output), gamma), alpha);
  return ops::sum(ops::multiply(weighting, cce), axis);
}

BinaryFocalCrossentropy::BinaryFocalCrossentropy(BinaryFocalCrossentropyOptions o)
    : LossFunctionWrapper(
          [o](const Tensor& y_true, const Tensor& y_pred) {
            return binary_focal_crossentropy(y_true, y_pred, o.apply_class_balancing, o.alpha,
                                             o.gamma, o.from_logits, o.label_smoothing, o.axis);
          },
          {.reduction = o.reduction, .name = o.name}),
      options_(o) {}

ConfigValue BinaryFocalCrossentropy::get_config() const {
  ConfigValue config = Loss::get_config();
  config["from_logits"] = options_.from_logits;
  config["label_smoothing"] = options_.label_smoothing;
  config["axis"] = options_.axis;
  config["apply_class_balancing"] = options_.apply_class_balancing;
  config["alpha"] = options_.alpha;
  config["gamma"] = options_.gamma;
  return config;
}

CategoricalFocalCrossentropy::CategoricalFocalCrossentropy(CategoricalFocalCrossentropyOptions o)
    : LossFunctionWrapper(
          [o](const Tensor& y_true, const Tensor& y_pred) {
            return categorical_focal_crossentropy(y_true, y_pred, o.alpha, o.gamma, o.from_logits,
                                                  o.label_smoothing, o.axis);
          },
          {.reduction = o.reduction, .name = o.name}),
      options_(o) {}

ConfigValue CategoricalFocalCrossentropy::get_config() const {
  ConfigValue config = Loss::get_config();
  config["from_logits"] = options_.from_logits;
  config["label_smoothing"] = options_.label_smoothing;
  config["axis"] = options_.axis;
  config["alpha"] = options_.alpha;
  config["gamma"] = options_.gamma;
  return config;
}

}  // namespace keras::losses
