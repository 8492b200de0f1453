#pragma once
// The focal crossentropies (Lin et al., 2017), which scale each term by (1 - p_t)^gamma so that
// well-classified examples count less: keras.losses.BinaryFocalCrossentropy /
// binary_focal_crossentropy and CategoricalFocalCrossentropy / categorical_focal_crossentropy.
#include "keras/losses/loss.hpp"

namespace keras::losses {

// Elementwise focal binary crossentropy averaged over `axis`. label_smoothing squeezes the
// labels towards 0.5; with apply_class_balancing, positives are weighted by alpha and negatives
// by 1 - alpha. The two-argument overload (Keras's defaults) can be passed where a loss function
// is expected; the arguments follow Keras's order.
Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred);
Tensor binary_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred,
                                 bool apply_class_balancing, double alpha = 0.25,
                                 double gamma = 2.0, bool from_logits = false,
                                 double label_smoothing = 0.0, int axis = -1);

// sum over `axis` of alpha * (1 - p)^gamma * -y_true * log(p), with p the predictions
// renormalised to sum 1 (softmax of logits when from_logits) and clipped to [eps, 1 - eps].
Tensor categorical_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred);
Tensor categorical_focal_crossentropy(const Tensor& y_true, const Tensor& y_pred, double alpha,
                                      double gamma = 2.0, bool from_logits = false,
                                      double label_smoothing = 0.0, int axis = -1);

struct BinaryFocalCrossentropyOptions {
  bool apply_class_balancing = false;
  double alpha = 0.25;
  double gamma = 2.0;
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
  std::string reduction = "sum_over_batch_size";
  std::string name = "binary_focal_crossentropy";
};

class BinaryFocalCrossentropy : public LossFunctionWrapper {
 public:
  explicit BinaryFocalCrossentropy(BinaryFocalCrossentropyOptions options = {});
  std::string class_name() const override { return "BinaryFocalCrossentropy"; }
  // name, reduction, from_logits, label_smoothing, axis, apply_class_balancing, alpha, gamma.
  ConfigValue get_config() const override;
  const BinaryFocalCrossentropyOptions& options() const { return options_; }

 private:
  BinaryFocalCrossentropyOptions options_;
};

struct CategoricalFocalCrossentropyOptions {
  double alpha = 0.25;
  double gamma = 2.0;
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
  std::string reduction = "sum_over_batch_size";
  std::string name = "categorical_focal_crossentropy";
};

class CategoricalFocalCrossentropy : public LossFunctionWrapper {
 public:
  explicit CategoricalFocalCrossentropy(CategoricalFocalCrossentropyOptions options = {});
  std::string class_name() const override { return "CategoricalFocalCrossentropy"; }
  // name, reduction, from_logits, label_smoothing, axis, alpha, gamma.
  ConfigValue get_config() const override;
  const CategoricalFocalCrossentropyOptions& options() const { return options_; }

 private:
  CategoricalFocalCrossentropyOptions options_;
};

}  // namespace keras::losses
