#pragma once
// keras.losses.CategoricalCrossentropy / categorical_crossentropy: crossentropy between one-hot
// (or soft) labels and predicted probabilities or logits along `axis`.
#include "keras/losses/loss.hpp"

namespace keras::losses {

// label_smoothing mixes the labels with the uniform distribution over the classes of the last
// axis: y * (1 - s) + s / num_classes. The two-argument overload (Keras's defaults) can be
// passed where a loss function is expected.
Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred);
Tensor categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                                double label_smoothing = 0.0, int axis = -1);

struct CategoricalCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
  std::string reduction = "sum_over_batch_size";
  std::string name = "categorical_crossentropy";
};

class CategoricalCrossentropy : public LossFunctionWrapper {
 public:
  explicit CategoricalCrossentropy(CategoricalCrossentropyOptions options = {});
  std::string class_name() const override { return "CategoricalCrossentropy"; }
  // name, reduction, from_logits, label_smoothing, axis.
  ConfigValue get_config() const override;
  bool from_logits() const { return from_logits_; }
  double label_smoothing() const { return label_smoothing_; }
  int axis() const { return axis_; }

 private:
  bool from_logits_;
  double label_smoothing_;
  int axis_;
};

}  // namespace keras::losses
