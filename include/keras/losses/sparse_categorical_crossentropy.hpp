#pragma once
// keras.losses.SparseCategoricalCrossentropy / sparse_categorical_crossentropy: crossentropy
// between integer labels and predicted probabilities or logits along `axis`.
#include <optional>

#include "keras/losses/loss.hpp"

namespace keras::losses {

// Labels must lie in [0, num_classes) (ValueError otherwise), except entries equal to
// `ignore_class`, which get loss 0. A label tensor of y_pred's rank with a size-1 `axis` is
// squeezed first. The two-argument overload (Keras's defaults) can be passed where a loss
// function is expected.
Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred);
Tensor sparse_categorical_crossentropy(const Tensor& y_true, const Tensor& y_pred, bool from_logits,
                                       std::optional<int> ignore_class = std::nullopt,
                                       int axis = -1);
// The same losses plus the mask of entries that count (undefined without ignore_class); the
// loss object uses it so that ignored entries leave the mean as in Keras.
LossValues sparse_categorical_crossentropy_with_mask(const Tensor& y_true, const Tensor& y_pred,
                                                     bool from_logits,
                                                     std::optional<int> ignore_class, int axis);

struct SparseCategoricalCrossentropyOptions {
  bool from_logits = false;
  std::optional<int> ignore_class = std::nullopt;
  std::string reduction = "sum_over_batch_size";
  int axis = -1;
  std::string name = "sparse_categorical_crossentropy";
};

class SparseCategoricalCrossentropy : public LossFunctionWrapper {
 public:
  explicit SparseCategoricalCrossentropy(SparseCategoricalCrossentropyOptions options = {});
  LossValues call_with_mask(const Tensor& y_true, const Tensor& y_pred) const override;
  std::string class_name() const override { return "SparseCategoricalCrossentropy"; }
  // name, reduction, from_logits, ignore_class. Keras 3.15.1 does not save `axis`;
  // deserialize still accepts an "axis" key.
  ConfigValue get_config() const override;
  bool from_logits() const { return from_logits_; }
  std::optional<int> ignore_class() const { return ignore_class_; }
  int axis() const { return axis_; }

 private:
  bool from_logits_;
  std::optional<int> ignore_class_;
  int axis_;
};

}  // namespace keras::losses
