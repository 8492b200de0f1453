#pragma once
// Adagrad (keras.optimizers.Adagrad): acc += g^2; w -= lr g / sqrt(acc + epsilon), the
// accumulators starting at initial_accumulator_value. Slots: "<var>_accumulator".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct AdagradOptions {
  LearningRate learning_rate = 0.001;
  double initial_accumulator_value = 0.1;
  double epsilon = 1e-7;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdagradImpl : public Optimizer {
 public:
  using Options = AdagradOptions;
  explicit AdagradImpl(AdagradOptions options = {});
  std::string class_name() const override { return "Adagrad"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<AdagradImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double initial_accumulator_value_, epsilon_;
  SlotIds accumulators_;
};

KERAS_HANDLE(Adagrad);

}  // namespace keras::optimizers
