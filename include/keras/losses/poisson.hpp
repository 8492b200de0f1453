#pragma once
// keras.losses.Poisson / poisson: mean(y_pred - y_true * log(y_pred + epsilon)) over the last axis.
#include "keras/losses/loss.hpp"

namespace keras::losses {

Tensor poisson(const Tensor& y_true, const Tensor& y_pred);

struct PoissonOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "poisson";
};

class Poisson : public LossFunctionWrapper {
 public:
  explicit Poisson(PoissonOptions options = {});
  std::string class_name() const override { return "Poisson"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
