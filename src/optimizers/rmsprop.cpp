#include "keras/optimizers/rmsprop.hpp"

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"
#include "src/optimizers/fused_updates.hpp"

namespace keras::optimizers {

RMSpropImpl::RMSpropImpl(RMSpropOptions o)
    : Optimizer(base_options(o), "rm_sprop"),  // Keras's snake_case of "RMSprop"
      rho_(o.rho),
      momentum_(o.momentum),
      epsilon_(o.epsilon),
      centered_(o.centered) {}

void RMSpropImpl::build_slots(const std::vector<Variable>& vars) {
  velocities_ = add_optimizer_variables(vars, "velocity");
  if (momentum_ > 0) momentums_ = add_optimizer_variables(vars, "momentum");
  if (centered_) average_gradients_ = add_optimizer_variables(vars, "average_gradient");
}

void RMSpropImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& velocity = slot(velocities_[i]);
  Variable* momentum = momentum_ > 0 ? &slot(momentums_[i]) : nullptr;
  Variable* average = centered_ ? &slot(average_gradients_[i]) : nullptr;
  if (detail::fused_rmsprop(grad, var, velocity, momentum, average, learning_rate, rho_, 1.0 - rho_,
                            momentum_, epsilon_))
    return;
  velocity.assign(ops::add(ops::multiply(velocity.value(), rho_),
                           ops::multiply(ops::square(grad), 1.0 - rho_)));
  Tensor denominator;
  if (average) {
    average->assign(
        ops::add(ops::multiply(average->value(), rho_), ops::multiply(grad, 1.0 - rho_)));
    denominator =
        ops::add(ops::subtract(velocity.value(), ops::square(average->value())), epsilon_);
  } else {
    denominator = ops::add(velocity.value(), epsilon_);
  }
  Tensor increment = ops::divide(ops::multiply(grad, learning_rate), ops::sqrt(denominator));
  if (momentum) {
    momentum->assign(ops::add(ops::multiply(momentum->value(), momentum_), increment));
    var.assign_sub(momentum->value());
  } else {
    var.assign_sub(increment);
  }
}

ConfigValue RMSpropImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["rho"] = rho_;
  c["momentum"] = momentum_;
  c["epsilon"] = epsilon_;
  c["centered"] = centered_;
  return c;
}

std::shared_ptr<RMSpropImpl> RMSpropImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "RMSprop");
  RMSpropOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.rho = r.number("rho", o.rho);
  o.momentum = r.number("momentum", o.momentum);
  o.epsilon = r.number("epsilon", o.epsilon);
  o.centered = r.boolean("centered", o.centered);
  r.finish();
  return std::make_shared<RMSpropImpl>(std::move(o));
}

}  // namespace keras::optimizers
