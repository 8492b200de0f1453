#pragma once
// keras.losses.Dice / dice, for segmentation: 1 - 2 * sum(y_true * y_pred) /
// (sum(y_true) + sum(y_pred) + epsilon), the sums over `axis` (every axis by default, which
// gives one number for the whole batch).
#include "keras/core/ops/axes.hpp"
#include "keras/losses/loss.hpp"

namespace keras::losses {

// The two-argument overload (axis None) can be passed where a loss function is expected.
Tensor dice(const Tensor& y_true, const Tensor& y_pred);
Tensor dice(const Tensor& y_true, const Tensor& y_pred, const ops::Axes& axis);

struct DiceOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "dice";
  ops::Axes axis{};  // None: all axes
};

class Dice : public LossFunctionWrapper {
 public:
  explicit Dice(DiceOptions options = {});
  std::string class_name() const override { return "Dice"; }
  // name, reduction, axis (null, an int, or a list when several).
  ConfigValue get_config() const override;
  const ops::Axes& axis() const { return axis_; }

 private:
  ops::Axes axis_;
};

// `axis` as Keras writes it in a config: null for None, an int for one axis, else a list.
ConfigValue axes_to_config(const ops::Axes& axis);

}  // namespace keras::losses
