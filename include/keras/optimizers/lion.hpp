#pragma once
// Lion (keras.optimizers.Lion): w -= lr sign(beta_1 m + (1 - beta_1) g), then
// m = beta_2 m + (1 - beta_2) g. beta_1 must be in (0, 1]. Slots: "<var>_momentum".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct LionOptions {
  LearningRate learning_rate = 0.001;
  double beta_1 = 0.9;
  double beta_2 = 0.99;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class LionImpl : public Optimizer {
 public:
  using Options = LionOptions;
  explicit LionImpl(LionOptions options = {});
  std::string class_name() const override { return "Lion"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<LionImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double beta_1_, beta_2_;
  SlotIds momentums_;
};

KERAS_HANDLE(Lion);

}  // namespace keras::optimizers
