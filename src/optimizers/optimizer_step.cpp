// Optimizer::apply and the per-step algorithm of Keras 3 BaseOptimizer.apply /
// _backend_apply_gradients (JAX flavour: EMA is updated on every call, accumulation or not).
#include <regex>

#include "keras/constraints/constraints.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/optimizers/fused_updates.hpp"
#include "src/optimizers/gradient_clipping.hpp"
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

void Optimizer::apply_gradients(const std::vector<std::pair<Tensor, Variable>>& grads_and_vars) {
  std::vector<Tensor> grads;
  std::vector<Variable> vars;
  grads.reserve(grads_and_vars.size());
  vars.reserve(grads_and_vars.size());
  for (const auto& [g, v] : grads_and_vars) {
    grads.push_back(g);
    vars.push_back(v);
  }
  apply(grads, vars);
}

void Optimizer::apply(const std::vector<Tensor>& grads, const std::vector<Variable>& vars) {
  if (grads.size() != vars.size())
    throw ValueError("Optimizer.apply: received " + std::to_string(grads.size()) +
                     " gradients for " + std::to_string(vars.size()) +
                     " variables; they must match one-to-one.");
  if (grads.empty()) return;
  if (!built_) build(vars);
  check_known(vars);
  run_step(grads, vars);
}

void Optimizer::apply(const std::vector<Tensor>& grads) {
  if (grads.empty()) return;
  if (!built_)
    throw ValueError(
        "When passing `grads` without `variables`, the optimizer must already be built on a "
        "list of variables. Call `optimizer.build(trainable_variables)` first.");
  if (grads.size() != trainable_variables_.size())
    throw ValueError(
        "When passing `grads` as a list of gradient tensors, the gradients must match "
        "`optimizer.variables` one-to-one. Received a list of " +
        std::to_string(grads.size()) + " gradients, but the optimizer is tracking " +
        std::to_string(trainable_variables_.size()) + " trainable variables.");
  run_step(grads, trainable_variables_);
}

void Optimizer::run_step(std::vector<Tensor> grads_in, std::vector<Variable> vars_in) {
  NoGrad no_grad;
  std::vector<Tensor> grads;
  std::vector<Variable> vars;
  for (std::size_t i = 0; i < grads_in.size(); ++i) {
    if (!grads_in[i].defined()) continue;  // Keras drops None gradients
    const Variable& v = vars_in[i];
    if (grads_in[i].shape() != v.shape())
      throw ValueError("Gradient for variable '" + v.path() + "' has shape " +
                       grads_in[i].shape().to_string() + "; expected the variable's shape " +
                       v.shape().to_string());
    grads.push_back(ops::cast(grads_in[i], v.dtype()));
    vars.push_back(v);
  }
  if (grads.empty()) throw ValueError("No gradients provided for any variable.");
  if (options_.loss_scale_factor)
    for (auto& g : grads) g = ops::divide(g, *options_.loss_scale_factor);

  const std::int64_t iterations = raw_iterations();
  const double lr = learning_rate();  // schedules see the real step count
  const std::int64_t steps = accumulation_steps();
  const std::int64_t effective = steps > 1 ? iterations / steps : iterations;
  local_step_ = effective + 1;
  if (steps > 1) {
    const bool is_update_step = (iterations + 1) % steps == 0;
    for (std::size_t i = 0; i < grads.size(); ++i) {
      Variable& acc = slot(accumulators_[variable_index(vars[i])]);
      if (is_update_step)
        grads[i] = ops::divide(ops::add(grads[i], acc.value()), static_cast<double>(steps));
      else acc.assign_add(grads[i]);
    }
    if (is_update_step) {
      clip_and_update(grads, vars, lr);
      for (auto id : accumulators_) slot(id).assign(ops::zeros_like(slot(id).value()));
    }
  } else {
    clip_and_update(grads, vars, lr);
  }
  if (options_.use_ema) update_moving_averages(effective);
  // Each variable's constraint projects it after the update, on every call (accumulating or
  // not), as Keras's BaseOptimizer.apply does once _backend_apply_gradients has run.
  for (auto& var : vars)
    if (const auto& constraint = var.constraint()) var.assign((*constraint)(var.value()));
  iterations_.assign(scalar(static_cast<double>(iterations + 1), DType::int64));
}

void Optimizer::clip_and_update(std::vector<Tensor>& grads, std::vector<Variable>& vars,
                                double lr) {
  // `x && *x > 0`: Keras treats a zero bound like an unset one.
  if (options_.clipnorm && *options_.clipnorm > 0) {
    for (auto& g : grads) g = clip_by_norm(g, *options_.clipnorm);
  } else if (options_.global_clipnorm && *options_.global_clipnorm > 0) {
    grads = clip_by_global_norm(grads, *options_.global_clipnorm);
  } else if (options_.clipvalue && *options_.clipvalue > 0) {
    const double v = *options_.clipvalue;
    for (auto& g : grads) g = ops::clip(g, -v, v);
  }
  apply_weight_decay(vars, lr);
  before_update_steps();
  for (std::size_t i = 0; i < grads.size(); ++i) update_step(grads[i], vars[i], lr);
}

std::optional<double> Optimizer::weight_decay_for(const Variable&) const {
  return options_.weight_decay;
}

void Optimizer::apply_weight_decay(const std::vector<Variable>& vars, double lr) {
  for (auto var : vars) {
    const std::optional<double> rate = weight_decay_for(var);
    if (!rate || !use_weight_decay(var)) continue;
    // var - var * (wd * lr): the product is formed in double so a tiny wd * lr keeps its digits
    // (1 - wd * lr rounded to float32 would not).
    const double decay = static_cast<float>(*rate) * static_cast<float>(lr);
    if (!detail::fused_weight_decay(var, decay))
      var.assign(ops::subtract(var.value(), ops::multiply(var.value(), decay)));
  }
}

bool Optimizer::use_weight_decay(const Variable& var) {
  auto cached = decay_cache_.find(var.id());
  if (cached != decay_cache_.end()) return cached->second;
  bool use = true;
  for (const void* id : excluded_ids_)
    if (id == var.id()) use = false;
  for (const auto& pattern : excluded_patterns_)
    if (use && std::regex_search(var.name(), std::regex(pattern))) use = false;
  decay_cache_[var.id()] = use;
  return use;
}

void Optimizer::exclude_from_weight_decay(const std::vector<Variable>& var_list,
                                          const std::vector<std::string>& var_names) {
  excluded_ids_.clear();
  for (const auto& v : var_list) excluded_ids_.push_back(v.id());
  excluded_patterns_ = var_names;
  for (const auto& p : excluded_patterns_) {
    try {
      std::regex check(p);
    } catch (const std::regex_error& e) {
      throw ValueError("exclude_from_weight_decay: '" + p +
                       "' is not a valid regular expression (" + e.what() + ")");
    }
  }
  decay_cache_.clear();
}

void Optimizer::update_moving_averages(std::int64_t effective_iterations) {
  // The first average is the variable itself (momentum 0), as in Keras.
  const float momentum =
      effective_iterations != 0 ? static_cast<float>(options_.ema_momentum) : 0.0f;
  const float rest = 1.0f - momentum;
  for (std::size_t i = 0; i < trainable_variables_.size(); ++i) {
    Variable& average = slot(averages_[i]);
    average.assign(ops::add(ops::multiply(average.value(), momentum),
                            ops::multiply(trainable_variables_[i].value(), rest)));
  }
  const auto frequency = options_.ema_overwrite_frequency;
  if (frequency && (effective_iterations + 1) % *frequency == 0)
    for (std::size_t i = 0; i < trainable_variables_.size(); ++i)
      trainable_variables_[i].assign(slot(averages_[i]).value());
}

void Optimizer::finalize_variable_values(const std::vector<Variable>& var_list) {
  if (!options_.use_ema) return;
  if (var_list.size() != averages_.size())
    throw ValueError("The length of model variables (" + std::to_string(var_list.size()) +
                     ") to override does not match the length of model variables stored in the "
                     "optimizer (" +
                     std::to_string(averages_.size()) +
                     "). Please check if the optimizer was called on your model.");
  NoGrad no_grad;
  for (std::size_t i = 0; i < var_list.size(); ++i) {
    Variable v = var_list[i];
    v.assign(slot(averages_[i]).value());
  }
}

std::vector<Variable> Optimizer::moving_averages() const {
  std::vector<Variable> out;
  for (std::size_t id : averages_) out.push_back(slot(id));
  return out;
}

Tensor Optimizer::scale_loss(const Tensor& loss) const {
  return options_.loss_scale_factor ? ops::multiply(loss, *options_.loss_scale_factor) : loss;
}

}  // namespace keras::optimizers
