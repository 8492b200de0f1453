#include "keras/optimizers/schedule_free_adamw.hpp"

#include <algorithm>
#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

ScheduleFreeAdamWImpl::ScheduleFreeAdamWImpl(ScheduleFreeAdamWOptions o)
    : Optimizer(base_options(o), "schedule_free_adam_w"),
      beta_1_(o.beta_1),
      beta_2_(o.beta_2),
      epsilon_(o.epsilon),
      warmup_steps_(o.warmup_steps) {}

void ScheduleFreeAdamWImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
  // z starts where the variable starts (x = y = z at step 0).
  for (std::size_t i = 0; i < vars.size(); ++i) slot(momentums_[i]).assign(vars[i].value());
}

void ScheduleFreeAdamWImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& z = slot(momentums_[i]);
  Variable& v = slot(velocities_[i]);
  // Scalars in float32, in Keras's order.
  const float t = static_cast<float>(local_step());
  float lr = static_cast<float>(learning_rate);
  if (warmup_steps_ > 0) lr *= std::min(t / static_cast<float>(warmup_steps_), 1.0f);
  const float beta_1 = static_cast<float>(beta_1_);
  const float bias_correction_2 = 1.0f - std::pow(static_cast<float>(beta_2_), t);

  const Tensor z_old = z.value();
  v.assign_add(ops::multiply(ops::subtract(ops::square(grad), v.value()),
                             1.0f - static_cast<float>(beta_2_)));
  const Tensor denom =
      ops::add(ops::sqrt(ops::divide(v.value(), bias_correction_2)), static_cast<float>(epsilon_));
  z.assign_sub(ops::divide(ops::multiply(grad, lr), denom));
  // x_old from y_old = (1 - beta_1) z_old + beta_1 x_old.
  const float weight = 1.0f / t;
  const Tensor x_old =
      ops::divide(ops::subtract(var.value(), ops::multiply(z_old, 1.0f - beta_1)), beta_1);
  const Tensor x_new =
      ops::add(ops::multiply(x_old, 1.0f - weight), ops::multiply(z.value(), weight));
  var.assign(ops::add(ops::multiply(z.value(), 1.0f - beta_1), ops::multiply(x_new, beta_1)));
}

ConfigValue ScheduleFreeAdamWImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  c["epsilon"] = epsilon_;
  c["warmup_steps"] = warmup_steps_;
  return c;
}

std::shared_ptr<ScheduleFreeAdamWImpl> ScheduleFreeAdamWImpl::from_config(
    const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "ScheduleFreeAdamW");
  ScheduleFreeAdamWOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  o.warmup_steps = r.integer("warmup_steps", o.warmup_steps);
  r.finish();
  return std::make_shared<ScheduleFreeAdamWImpl>(std::move(o));
}

}  // namespace keras::optimizers
