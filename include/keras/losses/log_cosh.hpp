#pragma once
// keras.losses.LogCosh / log_cosh: mean(log(cosh(y_pred - y_true))) over the last axis, computed as
// x + softplus(-2x) - log(2) so that large errors do not overflow cosh.
#include "keras/losses/loss.hpp"

namespace keras::losses {

Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred);

struct LogCoshOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "log_cosh";
};

class LogCosh : public LossFunctionWrapper {
 public:
  explicit LogCosh(LogCoshOptions options = {});
  std::string class_name() const override { return "LogCosh"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
