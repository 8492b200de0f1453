#pragma once
// Adam (keras.optimizers.Adam). Keras's form: m += (g - m)(1 - beta_1); v += (g^2 - v)(1 - beta_2);
// w -= lr * sqrt(1 - beta_2^t) / (1 - beta_1^t) * m / (sqrt(v) + epsilon) — epsilon is added
// before bias correction ("epsilon hat"). AMSGrad divides by the running maximum of v instead.
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct AdamOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  bool amsgrad = false;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdamImpl : public Optimizer {
 public:
  using Options = AdamOptions;
  explicit AdamImpl(AdamOptions options = {});
  std::string class_name() const override { return "Adam"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<AdamImpl> from_config(const ConfigValue& config);

  double beta_1() const { return beta_1_; }
  double beta_2() const { return beta_2_; }
  double epsilon() const { return epsilon_; }
  bool amsgrad() const { return amsgrad_; }

 protected:
  // For AdamW: same update, another name.
  AdamImpl(OptimizerOptions base, double beta_1, double beta_2, double epsilon, bool amsgrad,
           const std::string& auto_name_prefix);
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_, epsilon_;
  bool amsgrad_;
  SlotIds momentums_, velocities_, velocity_hats_;
};

// The handle: `optimizers::Adam opt({...}); model.compile({.optimizer = opt});` trains `opt`.
KERAS_HANDLE(Adam);

}  // namespace keras::optimizers
