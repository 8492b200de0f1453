#pragma once
// keras.losses.MeanAbsolutePercentageError / mean_absolute_percentage_error: 100 * mean(|y_true -
// y_pred| / max(|y_true|, epsilon)) over the last axis.
#include "keras/losses/loss.hpp"

namespace keras::losses {

Tensor mean_absolute_percentage_error(const Tensor& y_true, const Tensor& y_pred);

struct MeanAbsolutePercentageErrorOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "mean_absolute_percentage_error";
};

class MeanAbsolutePercentageError : public LossFunctionWrapper {
 public:
  explicit MeanAbsolutePercentageError(MeanAbsolutePercentageErrorOptions options = {});
  std::string class_name() const override { return "MeanAbsolutePercentageError"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
