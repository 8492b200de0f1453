#pragma once
// Adafactor (keras.optimizers.Adafactor): the second moment of a variable of rank >= 2 is kept
// factored over its last two axes (a row and a column average); a rank-0/1 variable keeps a
// full one. The step size is relative to the variable's RMS, and with a constant learning rate
// and relative_step it decays as min(lr, 1/sqrt(t)). Keras's variables, per trainable variable:
// rank >= 2: "<optimizer>/<var name>" twice (row factor of shape[:-1], column factor of
// shape[:-2] + shape[-1:]), then "<optimizer>/<var>_velocity"; rank < 2: two int32 scalar
// placeholders named after the variable (outside the optimizer's scope), then the velocity.
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct AdafactorOptions {
  LearningRate learning_rate = 0.001;
  double beta_2_decay = -0.8;
  double epsilon_1 = 1e-30;
  double epsilon_2 = 1e-3;
  double clip_threshold = 1.0;
  bool relative_step = true;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdafactorImpl : public Optimizer {
 public:
  using Options = AdafactorOptions;
  explicit AdafactorImpl(AdafactorOptions options = {});
  std::string class_name() const override { return "Adafactor"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<AdafactorImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_2_decay_, epsilon_1_, epsilon_2_, clip_threshold_;
  bool relative_step_;
  SlotIds rows_, columns_, velocities_;
};

KERAS_HANDLE(Adafactor);

}  // namespace keras::optimizers
