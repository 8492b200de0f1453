#pragma once
// keras.losses.MeanSquaredError / mean_squared_error: mean(square(y_true - y_pred), axis=-1).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// Per-sample mean squared error over the last axis; y_true is cast to y_pred's dtype.
Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred);

struct MeanSquaredErrorOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "mean_squared_error";
};

class MeanSquaredError : public LossFunctionWrapper {
 public:
  explicit MeanSquaredError(MeanSquaredErrorOptions options = {});
  std::string class_name() const override { return "MeanSquaredError"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
