#include "keras/optimizers/sgd.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"
#include "src/optimizers/fused_updates.hpp"

namespace keras::optimizers {

SGDImpl::SGDImpl(SGDOptions o)
    : Optimizer(base_options(o), "sgd"), momentum_(o.momentum), nesterov_(o.nesterov) {
  if (momentum_ < 0 || momentum_ > 1)
    throw ValueError("`momentum` must be a float between [0, 1]. Received: momentum=" +
                     ConfigValue(momentum_).dump());
}

void SGDImpl::build_slots(const std::vector<Variable>& vars) {
  if (momentum_ != 0) momentums_ = add_optimizer_variables(vars, "momentum");
}

void SGDImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  Variable* m = momentum_ != 0 ? &slot(momentums_[variable_index(var)]) : nullptr;
  if (detail::fused_sgd(grad, var, m, learning_rate, momentum_, nesterov_)) return;
  if (!m) {
    var.assign_sub(ops::multiply(grad, learning_rate));
    return;
  }
  Tensor scaled_grad = ops::multiply(grad, learning_rate);
  Tensor velocity = ops::subtract(ops::multiply(m->value(), momentum_), scaled_grad);
  m->assign(velocity);
  if (nesterov_) var.assign_add(ops::subtract(ops::multiply(velocity, momentum_), scaled_grad));
  else var.assign_add(velocity);
}

ConfigValue SGDImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["momentum"] = momentum_;
  c["nesterov"] = nesterov_;
  return c;
}

std::shared_ptr<SGDImpl> SGDImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "SGD");
  SGDOptions o;
  OptimizerOptions b = read_base_config(r, base_options(o));
  o.momentum = r.number("momentum", o.momentum);
  o.nesterov = r.boolean("nesterov", o.nesterov);
  r.finish();
  set_base_options(o, b);
  return std::make_shared<SGDImpl>(std::move(o));
}

}  // namespace keras::optimizers
