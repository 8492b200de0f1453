#include "keras/optimizers/lamb.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

LambImpl::LambImpl(LambOptions o)
    : Optimizer(base_options(o), "lamb"),
      beta_1_(o.beta_1),
      beta_2_(o.beta_2),
      epsilon_(o.epsilon) {}

void LambImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
}

void LambImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& m = slot(momentums_[i]);
  Variable& v = slot(velocities_[i]);
  const float t = static_cast<float>(local_step());
  const float beta_1_power = std::pow(static_cast<float>(beta_1_), t);
  const float beta_2_power = std::pow(static_cast<float>(beta_2_), t);

  m.assign_add(ops::multiply(ops::subtract(grad, m.value()), 1.0 - beta_1_));
  v.assign_add(ops::multiply(ops::subtract(ops::square(grad), v.value()), 1.0 - beta_2_));
  const Tensor m_hat = ops::divide(m.value(), 1.0f - beta_1_power);
  const Tensor v_sqrt = ops::add(ops::sqrt(ops::divide(v.value(), 1.0f - beta_2_power)), epsilon_);
  const Tensor update = ops::divide(m_hat, v_sqrt);
  // The trust ratio ||w|| / ||update||, 1 where either norm is zero (float32 norms).
  const float w_norm = ops::sqrt(ops::sum(ops::square(var.value()))).item<float>();
  const float g_norm = ops::sqrt(ops::sum(ops::square(update))).item<float>();
  const float ratio = w_norm > 0 && g_norm > 0 ? w_norm / g_norm : 1.0f;
  var.assign_sub(ops::multiply(update, ratio * static_cast<float>(learning_rate)));
}

ConfigValue LambImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  c["epsilon"] = epsilon_;
  return c;
}

std::shared_ptr<LambImpl> LambImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Lamb");
  LambOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  r.finish();
  return std::make_shared<LambImpl>(std::move(o));
}

}  // namespace keras::optimizers
