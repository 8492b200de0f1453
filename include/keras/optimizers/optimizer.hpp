#pragma once
// `Optimizer`: the Keras 3 optimizer base (keras.optimizers.Optimizer). It owns the per-step
// algorithm every optimizer shares — drop missing gradients, unscale, accumulate, clip, decoupled
// weight decay, the subclass's `update_step`, EMA of the weights, `iterations += 1` — and the
// optimizer variables, named and ordered as Keras names and orders them so saved files match.
//
// Optimizers live behind shared handles (keras/core/handle.hpp): `optimizers::Adam` is a handle
// to an `AdamImpl`, and every copy of it is the same optimizer, so the one given to compile is
// the one whose iterations and slots advance. An optimizer itself is not copyable.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/handle.hpp"
#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"
#include "keras/optimizers/learning_rate.hpp"

namespace keras::detail {
class ConfigReader;
}  // namespace keras::detail

namespace keras::optimizers {

// BaseOptimizer's keyword arguments after `learning_rate` and `weight_decay` (whose defaults
// and places differ per optimizer), in Keras's order, defined once here as an X-macro: X(type,
// name, default). Each optimizer's options struct expands them with
// KERAS_OPTIMIZER_COMMON_FIELDS, and base_options / set_base_options copy them. A base struct
// would be the plainer single definition, but C++20 designated initializers cannot name a
// base's members: `Adam({.learning_rate = 1e-3, .clipnorm = 1.0})` would stop compiling.
#define KERAS_OPTIMIZER_COMMON_KWARGS(X)                          \
  X(std::optional<double>, clipnorm, {})                          \
  X(std::optional<double>, clipvalue, {})                         \
  X(std::optional<double>, global_clipnorm, {})                   \
  X(bool, use_ema, false)                                         \
  X(double, ema_momentum, 0.99)                                   \
  X(std::optional<std::int64_t>, ema_overwrite_frequency, {})     \
  X(std::optional<double>, loss_scale_factor, {})                 \
  X(std::optional<std::int64_t>, gradient_accumulation_steps, {}) \
  X(std::string, name, {}) /* empty: automatic ("adam", "adam_1", ...) */

#define KERAS_OPTIMIZER_DECLARE_FIELD(type, field, init) type field = init;
#define KERAS_OPTIMIZER_COMMON_FIELDS KERAS_OPTIMIZER_COMMON_KWARGS(KERAS_OPTIMIZER_DECLARE_FIELD)

// BaseOptimizer's keyword arguments, as the base class takes them.
struct OptimizerOptions {
  LearningRate learning_rate = 0.001;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS
};

// Gathers BaseOptimizer's arguments from an optimizer's options struct.
template <class O>
OptimizerOptions base_options(const O& o) {
  OptimizerOptions b;
  b.learning_rate = o.learning_rate;
  b.weight_decay = o.weight_decay;
#define KERAS_OPTIMIZER_COPY_FIELD(type, field, init) b.field = o.field;
  KERAS_OPTIMIZER_COMMON_KWARGS(KERAS_OPTIMIZER_COPY_FIELD)
#undef KERAS_OPTIMIZER_COPY_FIELD
  return b;
}

// The reverse of base_options: writes BaseOptimizer's arguments into an options struct, all but
// weight_decay when the struct holds it as a plain number (AdamW: None is refused there).
template <class O>
void set_base_options(O& o, const OptimizerOptions& b) {
  o.learning_rate = b.learning_rate;
  if constexpr (std::is_same_v<decltype(o.weight_decay), std::optional<double>>)
    o.weight_decay = b.weight_decay;
#define KERAS_OPTIMIZER_COPY_FIELD(type, field, init) o.field = b.field;
  KERAS_OPTIMIZER_COMMON_KWARGS(KERAS_OPTIMIZER_COPY_FIELD)
#undef KERAS_OPTIMIZER_COPY_FIELD
}

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  Optimizer(const Optimizer&) = delete;
  Optimizer& operator=(const Optimizer&) = delete;

  // One update. Pairs whose gradient is undefined are skipped (Keras drops None gradients).
  void apply_gradients(const std::vector<std::pair<Tensor, Variable>>& grads_and_vars);
  // Virtual, as are the members below that a wrapping optimizer (LossScaleOptimizer) forwards
  // to the optimizer it wraps.
  virtual void apply(const std::vector<Tensor>& grads, const std::vector<Variable>& vars);
  // Gradients in the order of the variables the optimizer was built with.
  virtual void apply(const std::vector<Tensor>& grads);
  // Creates the optimizer variables for `vars` (done by the first `apply`). Building twice is a
  // no-op, as in Keras; an optimizer only ever updates the variables it was built with.
  virtual void build(const std::vector<Variable>& vars);
  bool built() const { return built_; }

  const std::string& name() const { return name_; }
  // The step counter (int64 scalar): the number of `apply` calls so far, which is what Keras
  // saves as "iteration". With gradient_accumulation_steps = N, Keras's `iterations` property
  // (and the `t` of the update) is this count floor-divided by N.
  virtual Variable iterations() const { return iterations_; }
  // The current learning rate as float32 holds it (a schedule is evaluated at `iterations`).
  virtual double learning_rate() const;
  // A number (TypeError if the optimizer runs a schedule, as in Keras) or a new schedule.
  virtual void set_learning_rate(const LearningRate& learning_rate);
  const LearningRate& learning_rate_spec() const { return options_.learning_rate; }
  const OptimizerOptions& options() const { return options_; }
  // iteration, learning_rate (absent when a schedule drives the rate), then the slots in the
  // order Keras creates them.
  virtual std::vector<Variable> variables() const;
  // Positional load of `variables()` values (what loading a saved optimizer does).
  void set_weights(const std::vector<Tensor>& weights);

  // Keeps the listed variables, and those whose name matches any of the regular expressions in
  // `var_names`, out of weight decay.
  void exclude_from_weight_decay(const std::vector<Variable>& var_list = {},
                                 const std::vector<std::string>& var_names = {});
  // With use_ema: copies the moving averages into the variables (end of training).
  virtual void finalize_variable_values(const std::vector<Variable>& var_list);
  // The variables the optimizer was built with, in that order (Keras's `_trainable_variables`).
  const std::vector<Variable>& trainable_variables() const { return trainable_variables_; }
  // With use_ema and once built: the moving average of each of `trainable_variables()`
  // (Keras's `_model_variables_moving_average`), which SwapEMAWeights swaps in; else empty.
  std::vector<Variable> moving_averages() const;
  // Keras's public `optimizer.loss_scale_factor` attribute (LossScaleOptimizer clears its inner
  // optimizer's, so gradients are not unscaled twice; MultiOptimizer passes its own on).
  virtual void set_loss_scale_factor(std::optional<double> factor) {
    options_.loss_scale_factor = factor;
  }
  // loss * loss_scale_factor (unchanged when it is not set).
  virtual Tensor scale_loss(const Tensor& loss) const;

  virtual std::string class_name() const = 0;
  // Keras's keys, in Keras's order; subclasses append their own.
  virtual ConfigValue get_config() const;

 protected:
  // `auto_name_prefix` is Keras's snake_case of the class name ("adam_w", "rm_sprop").
  Optimizer(OptimizerOptions options, const std::string& auto_name_prefix);

  // Creates the subclass's slot variables (Keras's `build` override).
  virtual void build_slots(const std::vector<Variable>& vars) = 0;
  // Updates one variable. `grad` has the variable's dtype and shape; `learning_rate` is the
  // float32 rate; `local_step()` is t = iterations + 1.
  virtual void update_step(const Tensor& grad, Variable& var, double learning_rate) = 0;
  // Runs once per update, after clipping and weight decay and before the variables'
  // update_steps (Keras's _backend_update_step overrides: Nadam's running product).
  virtual void before_update_steps() {}
  // The decoupled weight decay rate for `var` (none: not decayed). The base uses
  // `weight_decay` for every variable; Muon picks per variable (Keras's _apply_weight_decay
  // overrides).
  virtual std::optional<double> weight_decay_for(const Variable& var) const;

  // Handles on slot variables, stable across copies of the optimizer.
  using SlotIds = std::vector<std::size_t>;
  // One slot per variable named "<var path with / → _>_<name>", created as Keras creates them:
  // with several names they are interleaved per variable.
  SlotIds add_optimizer_variables(const std::vector<Variable>& vars, const std::string& name);
  std::vector<SlotIds> add_optimizer_variables(const std::vector<Variable>& vars,
                                               const std::vector<std::string>& names);
  // One optimizer variable of any shape and dtype, with the path Keras gives it (Adafactor's
  // factored moments, Nadam's running product), after those created so far.
  std::size_t add_variable(const Tensor& initial_value, const std::string& path);
  Variable& slot(std::size_t id) { return slots_[id]; }
  const Variable& slot(std::size_t id) const { return slots_[id]; }
  // Position of `var` in the list the optimizer was built with.
  std::size_t variable_index(const Variable& var) const;
  std::int64_t local_step() const { return local_step_; }

  // Reads BaseOptimizer's arguments from a config (learning_rate may be a serialized schedule;
  // Keras-2 `lr` is accepted and `decay` ignored, as Keras 3 ignores it).
  static OptimizerOptions read_base_config(keras::detail::ConfigReader& reader,
                                           OptimizerOptions defaults);

 private:
  void run_step(std::vector<Tensor> grads, std::vector<Variable> vars);
  void clip_and_update(std::vector<Tensor>& grads, std::vector<Variable>& vars, double lr);
  void apply_weight_decay(const std::vector<Variable>& vars, double lr);
  bool use_weight_decay(const Variable& var);
  void update_moving_averages(std::int64_t effective_iterations);
  std::int64_t raw_iterations() const;
  std::int64_t accumulation_steps() const;
  void check_known(const std::vector<Variable>& vars) const;

  OptimizerOptions options_;
  std::string name_;
  Variable iterations_;
  Variable learning_rate_variable_;  // undefined while a schedule drives the rate
  std::vector<Variable> slots_;      // every optimizer variable after iteration/learning_rate
  bool built_ = false;
  std::vector<Variable> trainable_variables_;
  std::unordered_map<const void*, std::size_t> index_;
  SlotIds averages_;      // use_ema
  SlotIds accumulators_;  // gradient_accumulation_steps
  std::vector<const void*> excluded_ids_;
  std::vector<std::string> excluded_patterns_;
  std::unordered_map<const void*, bool> decay_cache_;
  std::int64_t local_step_ = 1;
};

}  // namespace keras::optimizers
