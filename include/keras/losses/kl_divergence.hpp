#pragma once
// keras.losses.KLDivergence / kl_divergence: sum(y_true * log(y_true / y_pred)) over the last axis,
// both clipped to [epsilon, 1].
#include "keras/losses/loss.hpp"

namespace keras::losses {

Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred);

struct KLDivergenceOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "kl_divergence";
};

class KLDivergence : public LossFunctionWrapper {
 public:
  explicit KLDivergence(KLDivergenceOptions options = {});
  std::string class_name() const override { return "KLDivergence"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
