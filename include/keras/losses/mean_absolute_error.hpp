#pragma once
// keras.losses.MeanAbsoluteError / mean_absolute_error: mean(abs(y_true - y_pred), axis=-1).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// Per-sample mean absolute error over the last axis; y_true is cast to y_pred's dtype.
Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred);

struct MeanAbsoluteErrorOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "mean_absolute_error";
};

class MeanAbsoluteError : public LossFunctionWrapper {
 public:
  explicit MeanAbsoluteError(MeanAbsoluteErrorOptions options = {});
  std::string class_name() const override { return "MeanAbsoluteError"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
