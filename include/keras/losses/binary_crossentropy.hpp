#pragma once
// keras.losses.BinaryCrossentropy / binary_crossentropy: elementwise binary crossentropy
// (ops::binary_crossentropy) averaged over `axis`.
#include "keras/losses/loss.hpp"

namespace keras::losses {

// label_smoothing squeezes the labels towards 0.5: y * (1 - s) + 0.5 * s. The two-argument
// overload (Keras's defaults) can be passed where a loss function is expected.
Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                           double label_smoothing = 0.0, int axis = -1);

struct BinaryCrossentropyOptions {
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
  std::string reduction = "sum_over_batch_size";
  std::string name = "binary_crossentropy";
};

class BinaryCrossentropy : public LossFunctionWrapper {
 public:
  explicit BinaryCrossentropy(BinaryCrossentropyOptions options = {});
  std::string class_name() const override { return "BinaryCrossentropy"; }
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
