#pragma once
// Lamb (keras.optimizers.Lamb): Adam's bias-corrected direction m_hat / (sqrt(v_hat) + eps),
// scaled per variable by the trust ratio ||w|| / ||direction|| (1 where either norm is 0).
// Slots, interleaved per variable: "<var>_momentum", "<var>_velocity".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct LambOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class LambImpl : public Optimizer {
 public:
  using Options = LambOptions;
  explicit LambImpl(LambOptions options = {});
  std::string class_name() const override { return "Lamb"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<LambImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_, epsilon_;
  SlotIds momentums_, velocities_;
};

KERAS_HANDLE(Lamb);

}  // namespace keras::optimizers
