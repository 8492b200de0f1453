#pragma once
// Ftrl (keras.optimizers.Ftrl), "Follow The Regularized Leader" with online L1/L2 and
// shrinkage-type L2 regularization, as keras/src/optimizers/ftrl.py computes it. Slots,
// interleaved per variable: "<var>_accumulator" (from initial_accumulator_value), "<var>_linear".
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct FtrlOptions {
  LearningRate learning_rate = 0.001;
  double learning_rate_power = -0.5;
  double initial_accumulator_value = 0.1;
  double l1_regularization_strength = 0.0;
  double l2_regularization_strength = 0.0;
  double l2_shrinkage_regularization_strength = 0.0;
  double beta = 0.0;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class FtrlImpl : public Optimizer {
 public:
  using Options = FtrlOptions;
  explicit FtrlImpl(FtrlOptions options = {});
  std::string class_name() const override { return "Ftrl"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<FtrlImpl> from_config(const ConfigValue& config);

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  FtrlOptions o_;
  SlotIds accumulators_, linears_;
};

KERAS_HANDLE(Ftrl);

}  // namespace keras::optimizers
