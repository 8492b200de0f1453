#pragma once
// Adadelta (keras.optimizers.Adadelta): Eg = rho Eg + (1 - rho) g^2;
// delta = -sqrt(Ed + eps) g / sqrt(Eg + eps); Ed = rho Ed + (1 - rho) delta^2; w += lr delta.
// Keras's default learning rate is 0.001 (not the paper's 1.0). Slots, interleaved per
// variable: "<var>_accumulated_grad", "<var>_accumulated_delta_var".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct AdadeltaOptions {
  LearningRate learning_rate = 0.001;
  double rho = 0.95;
  double epsilon = 1e-7;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdadeltaImpl : public Optimizer {
 public:
  using Options = AdadeltaOptions;
  explicit AdadeltaImpl(AdadeltaOptions options = {});
  std::string class_name() const override { return "Adadelta"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<AdadeltaImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double rho_, epsilon_;
  SlotIds accumulated_grads_, accumulated_delta_vars_;
};

KERAS_HANDLE(Adadelta);

}  // namespace keras::optimizers
