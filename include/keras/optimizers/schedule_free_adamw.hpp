#pragma once
// ScheduleFreeAdamW (keras.optimizers.ScheduleFreeAdamW, Defazio et al. 2024): Adam-scaled
// steps go into an auxiliary sequence z (the "momentum" slot, which starts as a copy of the
// variable); the averaged sequence x is recovered from the variable each step, x_new is the
// 1/t-weighted average of x and z, and the variable becomes y = (1 - beta_1) z + beta_1 x_new.
// With warmup_steps the rate ramps linearly up to learning_rate over that many steps.
// Keras 3.15 trains and evaluates on y alike (no switch to x for evaluation), as keraspp does.
// Slots, interleaved per variable: "<var>_momentum", "<var>_velocity".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct ScheduleFreeAdamWOptions {
  LearningRate learning_rate = 0.0025;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-8;
  std::int64_t warmup_steps = 0;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class ScheduleFreeAdamWImpl : public Optimizer {
 public:
  using Options = ScheduleFreeAdamWOptions;
  explicit ScheduleFreeAdamWImpl(ScheduleFreeAdamWOptions options = {});
  std::string class_name() const override { return "ScheduleFreeAdamW"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<ScheduleFreeAdamWImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_, epsilon_;
  std::int64_t warmup_steps_;
  SlotIds momentums_, velocities_;
};

KERAS_HANDLE(ScheduleFreeAdamW);

}  // namespace keras::optimizers
