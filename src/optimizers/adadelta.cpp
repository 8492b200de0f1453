#include "keras/optimizers/adadelta.hpp"

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

AdadeltaImpl::AdadeltaImpl(AdadeltaOptions o)
    : Optimizer(base_options(o), "adadelta"), rho_(o.rho), epsilon_(o.epsilon) {}

void AdadeltaImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(
      vars, std::vector<std::string>{"accumulated_grad", "accumulated_delta_var"});
  accumulated_grads_ = std::move(slots[0]);
  accumulated_delta_vars_ = std::move(slots[1]);
}

void AdadeltaImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& accumulated_grad = slot(accumulated_grads_[i]);
  Variable& accumulated_delta = slot(accumulated_delta_vars_[i]);
  auto rms = [&](const Tensor& x) { return ops::sqrt(ops::add(x, epsilon_)); };
  accumulated_grad.assign(ops::add(ops::multiply(accumulated_grad.value(), rho_),
                                   ops::multiply(ops::square(grad), 1.0 - rho_)));
  const Tensor delta = ops::negative(ops::divide(
      ops::multiply(rms(accumulated_delta.value()), grad), rms(accumulated_grad.value())));
  accumulated_delta.assign(ops::add(ops::multiply(accumulated_delta.value(), rho_),
                                    ops::multiply(ops::square(delta), 1.0 - rho_)));
  var.assign_add(ops::multiply(delta, learning_rate));
}

ConfigValue AdadeltaImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["rho"] = rho_;
  c["epsilon"] = epsilon_;
  return c;
}

std::shared_ptr<AdadeltaImpl> AdadeltaImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Adadelta");
  AdadeltaOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.rho = r.number("rho", o.rho);
  o.epsilon = r.number("epsilon", o.epsilon);
  r.finish();
  return std::make_shared<AdadeltaImpl>(std::move(o));
}

}  // namespace keras::optimizers
