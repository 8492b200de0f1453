#include "keras/optimizers/loss_scale_optimizer.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

namespace {

OptimizerOptions own_options(const LossScaleOptimizerOptions& o) {
  OptimizerOptions b;
  b.learning_rate = 0.0;  // Keras passes 0.0: the inner optimizer's rate is the one that counts
  b.name = o.name;
  return b;
}

bool all_finite(const std::vector<Tensor>& grads) {
  for (const auto& g : grads)
    if (g.defined() && !ops::all(ops::isfinite(g)).item<bool>()) return false;
  return true;
}

}  // namespace

LossScaleOptimizerImpl::LossScaleOptimizerImpl(std::shared_ptr<Optimizer> inner_optimizer,
                                               LossScaleOptimizerOptions o)
    : Optimizer(own_options(o), "loss_scale_optimizer"),
      inner_(std::move(inner_optimizer)),
      initial_scale_(o.initial_scale),
      dynamic_growth_steps_(o.dynamic_growth_steps) {
  if (!inner_) throw ValueError("LossScaleOptimizer: `inner_optimizer` must be an optimizer");
  // Otherwise the inner optimizer would unscale the gradients a second time.
  inner_->set_loss_scale_factor(std::nullopt);
}

void LossScaleOptimizerImpl::build(const std::vector<Variable>& vars) {
  if (built()) return;
  Optimizer::build(vars);
}

void LossScaleOptimizerImpl::build_slots(const std::vector<Variable>& vars) {
  step_counter_ = add_variable(scalar(0, DType::int64), name() + "/step_counter");
  dynamic_scale_ = add_variable(scalar(initial_scale_, DType::float32), name() + "/dynamic_scale");
  inner_->build(vars);
}

void LossScaleOptimizerImpl::update_step(const Tensor&, Variable&, double) {
  // apply() is overridden: the inner optimizer makes every update.
  throw ValueError(
      "LossScaleOptimizer has no update step of its own; it calls its inner "
      "optimizer's apply");
}

void LossScaleOptimizerImpl::apply(const std::vector<Tensor>& grads,
                                   const std::vector<Variable>& vars) {
  if (grads.empty()) return;
  if (!built()) build(vars);
  NoGrad no_grad;
  Variable& counter = slot(step_counter_);
  Variable& scale = slot(dynamic_scale_);
  if (!all_finite(grads)) {
    // Skip the update, halve the scale.
    counter.assign(scalar(0, DType::int64));
    scale.assign(ops::multiply(scale.value(), 0.5));
    return;
  }
  std::vector<Tensor> unscaled;
  unscaled.reserve(grads.size());
  for (const auto& g : grads) unscaled.push_back(g.defined() ? ops::divide(g, scale.value()) : g);
  if (vars.empty()) inner_->apply(unscaled);
  else inner_->apply(unscaled, vars);
  if (counter.value().item<std::int64_t>() == dynamic_growth_steps_ - 1) {
    counter.assign(scalar(0, DType::int64));
    scale.assign(ops::multiply(scale.value(), 2.0));
  } else {
    counter.assign(ops::add(counter.value(), scalar(1, DType::int64)));
  }
}

void LossScaleOptimizerImpl::apply(const std::vector<Tensor>& grads) {
  if (grads.empty()) return;
  if (!built())
    throw ValueError(
        "When passing `grads` without `variables`, the optimizer must already be built on a "
        "list of variables. Call `optimizer.build(trainable_variables)` first.");
  apply(grads, {});
}

Variable LossScaleOptimizerImpl::iterations() const { return inner_->iterations(); }
double LossScaleOptimizerImpl::learning_rate() const { return inner_->learning_rate(); }
void LossScaleOptimizerImpl::set_learning_rate(const LearningRate& learning_rate) {
  inner_->set_learning_rate(learning_rate);
}

std::vector<Variable> LossScaleOptimizerImpl::variables() const {
  std::vector<Variable> out = Optimizer::variables();
  const auto inner = inner_->variables();
  out.insert(out.end(), inner.begin(), inner.end());
  return out;
}

void LossScaleOptimizerImpl::finalize_variable_values(const std::vector<Variable>& var_list) {
  inner_->finalize_variable_values(var_list);
}

Tensor LossScaleOptimizerImpl::scale_loss(const Tensor& loss) const {
  return built() ? ops::multiply(loss, slot(dynamic_scale_).value())
                 : ops::multiply(loss, initial_scale_);
}

double LossScaleOptimizerImpl::dynamic_scale() const {
  return built() ? slot(dynamic_scale_).value().item<double>() : initial_scale_;
}

ConfigValue LossScaleOptimizerImpl::get_config() const {
  // Keras's own keys only (not the base optimizer's).
  ConfigValue c = ConfigValue::dict();
  c["name"] = name();
  c["inner_optimizer"] = serialize(*inner_);
  c["initial_scale"] = initial_scale_;
  c["dynamic_growth_steps"] = dynamic_growth_steps_;
  return c;
}

std::shared_ptr<LossScaleOptimizerImpl> LossScaleOptimizerImpl::from_config(
    const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "LossScaleOptimizer");
  if (!r.boolean("dynamic", true))
    throw ValueError(
        "LossScaleOptimizer no longer supports `dynamic=False`. Instead, simply set "
        "`loss_scale_factor` directly on the `inner_optimizer`.");
  // Older Keras wrote the base optimizer's keys too: accepted at their defaults only.
  const std::pair<const char*, ConfigValue> defaults[] = {{"weight_decay", {}},
                                                          {"clipnorm", {}},
                                                          {"global_clipnorm", {}},
                                                          {"clipvalue", {}},
                                                          {"use_ema", false},
                                                          {"ema_momentum", 0.99},
                                                          {"ema_overwrite_frequency", {}},
                                                          {"loss_scale_factor", {}},
                                                          {"gradient_accumulation_steps", {}}};
  for (const auto& [key, fallback] : defaults)
    if (r.present(key) && r.raw(key) != fallback)
      throw ValueError(std::string("LossScaleOptimizer does not support `") + key +
                       "`. Instead, set `" + key + "` on the `inner_optimizer`.");
  LossScaleOptimizerOptions o;
  auto inner = get(r.raw("inner_optimizer"));
  o.initial_scale = r.number("initial_scale", o.initial_scale);
  o.dynamic_growth_steps = r.integer("dynamic_growth_steps", o.dynamic_growth_steps);
  o.name = r.string("name", o.name);
  r.finish();
  return std::make_shared<LossScaleOptimizerImpl>(std::move(inner), std::move(o));
}

}  // namespace keras::optimizers
