#pragma once
// Nadam (keras.optimizers.Nadam), Adam with Nesterov momentum and Dozat's momentum schedule
// mu_t = beta_1 (1 - 0.5 * 0.96^t). Slots, interleaved per variable: "<var>_momentum",
// "<var>_velocity"; then the running product of the mu_t, one float scalar that Keras creates
// outside the optimizer's name scope (its path is "variable").
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct NadamOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class NadamImpl : public Optimizer {
 public:
  using Options = NadamOptions;
  explicit NadamImpl(NadamOptions options = {});
  std::string class_name() const override { return "Nadam"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<NadamImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void before_update_steps() override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_, epsilon_;
  SlotIds momentums_, velocities_;
  std::size_t u_product_ = 0;
};

KERAS_HANDLE(Nadam);

}  // namespace keras::optimizers
