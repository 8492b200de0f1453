#pragma once
// keras.losses.MeanSquaredLogarithmicError / mean_squared_logarithmic_error: mean((log(max(y_pred,
// eps) + 1) - log(max(y_true, eps) + 1))^2) over the last axis.
#include "keras/losses/loss.hpp"

namespace keras::losses {

Tensor mean_squared_logarithmic_error(const Tensor& y_true, const Tensor& y_pred);

struct MeanSquaredLogarithmicErrorOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "mean_squared_logarithmic_error";
};

class MeanSquaredLogarithmicError : public LossFunctionWrapper {
 public:
  explicit MeanSquaredLogarithmicError(MeanSquaredLogarithmicErrorOptions options = {});
  std::string class_name() const override { return "MeanSquaredLogarithmicError"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
