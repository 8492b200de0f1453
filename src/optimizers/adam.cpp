#include "keras/optimizers/adam.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"
#include "src/optimizers/fused_updates.hpp"

namespace keras::optimizers {

AdamImpl::AdamImpl(AdamOptions o)
    : AdamImpl(base_options(o), o.beta_1, o.beta_2, o.epsilon, o.amsgrad, "adam") {}

AdamImpl::AdamImpl(OptimizerOptions base, double beta_1, double beta_2, double epsilon,
                   bool amsgrad, const std::string& auto_name_prefix)
    : Optimizer(std::move(base), auto_name_prefix),
      beta_1_(beta_1),
      beta_2_(beta_2),
      epsilon_(epsilon),
      amsgrad_(amsgrad) {}

void AdamImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
  if (amsgrad_) velocity_hats_ = add_optimizer_variables(vars, "velocity_hat");
}

void AdamImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& m = slot(momentums_[i]);
  Variable& v = slot(velocities_[i]);
  // The step size in float32, in the order Keras computes it, so results match to the ulp.
  const float t = static_cast<float>(local_step());
  const float beta_1_power = std::pow(static_cast<float>(beta_1_), t);
  const float beta_2_power = std::pow(static_cast<float>(beta_2_), t);
  const float alpha =
      static_cast<float>(learning_rate) * std::sqrt(1.0f - beta_2_power) / (1.0f - beta_1_power);

  Variable* v_hat = amsgrad_ ? &slot(velocity_hats_[i]) : nullptr;
  if (detail::fused_adam(grad, var, m, v, v_hat, 1.0 - beta_1_, 1.0 - beta_2_, alpha, epsilon_))
    return;
  m.assign_add(ops::multiply(ops::subtract(grad, m.value()), 1.0 - beta_1_));
  v.assign_add(ops::multiply(ops::subtract(ops::square(grad), v.value()), 1.0 - beta_2_));
  Tensor second_moment = v.value();
  if (v_hat) {
    v_hat->assign(ops::maximum(v_hat->value(), second_moment));
    second_moment = v_hat->value();
  }
  var.assign_sub(
      ops::divide(ops::multiply(m.value(), alpha), ops::add(ops::sqrt(second_moment), epsilon_)));
}

ConfigValue AdamImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  c["epsilon"] = epsilon_;
  c["amsgrad"] = amsgrad_;
  return c;
}

std::shared_ptr<AdamImpl> AdamImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Adam");
  AdamOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  o.amsgrad = r.boolean("amsgrad", o.amsgrad);
  r.finish();
  return std::make_shared<AdamImpl>(std::move(o));
}

}  // namespace keras::optimizers
