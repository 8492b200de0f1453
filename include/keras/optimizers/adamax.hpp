#pragma once
// Adamax (keras.optimizers.Adamax), Adam with the infinity norm: m += (g - m)(1 - beta_1);
// u = max(beta_2 u, |g|); w -= lr m / ((1 - beta_1^t)(u + epsilon)). Slots, interleaved per
// variable: "<var>_momentum", "<var>_norm".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct AdamaxOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdamaxImpl : public Optimizer {
 public:
  using Options = AdamaxOptions;
  explicit AdamaxImpl(AdamaxOptions options = {});
  std::string class_name() const override { return "Adamax"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<AdamaxImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_, epsilon_;
  SlotIds momentums_, norms_;
};

KERAS_HANDLE(Adamax);

}  // namespace keras::optimizers
