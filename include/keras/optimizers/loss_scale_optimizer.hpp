#pragma once
// LossScaleOptimizer (keras.optimizers.LossScaleOptimizer): wraps another optimizer and scales
// the loss dynamically. scale_loss multiplies by the current scale; apply divides the
// gradients by it and lets the inner optimizer update when they are all finite (counting
// finite steps: after dynamic_growth_steps of them the scale doubles), and otherwise skips the
// update and halves the scale. Its variables: its own iteration and learning_rate (unused, as
// in Keras), "step_counter" and "dynamic_scale", then the inner optimizer's; iterations and
// the learning rate are the inner optimizer's.
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct LossScaleOptimizerOptions {
  double initial_scale = 32768.0;  // 2**15
  std::int64_t dynamic_growth_steps = 2000;
  std::string name{};  // empty: automatic ("loss_scale_optimizer", ...)
};

class LossScaleOptimizerImpl : public Optimizer {
 public:
  using Positional = std::tuple<std::shared_ptr<Optimizer>>;
  using Options = LossScaleOptimizerOptions;
  LossScaleOptimizerImpl(std::shared_ptr<Optimizer> inner_optimizer,
                         LossScaleOptimizerOptions options = {});
  std::string class_name() const override { return "LossScaleOptimizer"; }
  // name, inner_optimizer (serialized), initial_scale, dynamic_growth_steps: Keras's keys.
  ConfigValue get_config() const override;
  static std::shared_ptr<LossScaleOptimizerImpl> from_config(const ConfigValue& config);

  void apply(const std::vector<Tensor>& grads, const std::vector<Variable>& vars) override;
  void apply(const std::vector<Tensor>& grads) override;
  void build(const std::vector<Variable>& vars) override;
  Variable iterations() const override;
  double learning_rate() const override;
  void set_learning_rate(const LearningRate& learning_rate) override;
  std::vector<Variable> variables() const override;
  void finalize_variable_values(const std::vector<Variable>& var_list) override;
  Tensor scale_loss(const Tensor& loss) const override;

  const std::shared_ptr<Optimizer>& inner_optimizer() const { return inner_; }
  double dynamic_scale() const;

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  std::shared_ptr<Optimizer> inner_;
  double initial_scale_;
  std::int64_t dynamic_growth_steps_;
  std::size_t step_counter_ = 0, dynamic_scale_ = 0;
};

KERAS_HANDLE(LossScaleOptimizer);

}  // namespace keras::optimizers
