#pragma once
// RMSprop (keras.optimizers.RMSprop): v = rho v + (1 - rho) g^2; increment = lr g / sqrt(v + eps)
// (epsilon inside the square root); centered subtracts the squared running mean of g from v;
// momentum accumulates the increments. Slots are grouped, not interleaved: all velocities,
// then all momentums, then all average gradients.
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct RMSpropOptions {
  LearningRate learning_rate = 0.001;
  double rho = 0.9;
  double momentum = 0.0;
  double epsilon = 1e-7;
  bool centered = false;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class RMSpropImpl : public Optimizer {
 public:
  using Options = RMSpropOptions;
  explicit RMSpropImpl(RMSpropOptions options = {});
  std::string class_name() const override { return "RMSprop"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<RMSpropImpl> from_config(const ConfigValue& config);

  double rho() const { return rho_; }
  double momentum() const { return momentum_; }
  double epsilon() const { return epsilon_; }
  bool centered() const { return centered_; }

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double rho_, momentum_, epsilon_;
  bool centered_;
  SlotIds velocities_, momentums_, average_gradients_;
};

// The handle: `optimizers::RMSprop opt({...}); model.compile({.optimizer = opt});` trains `opt`.
KERAS_HANDLE(RMSprop);

}  // namespace keras::optimizers
