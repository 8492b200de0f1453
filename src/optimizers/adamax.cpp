#include "keras/optimizers/adamax.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

AdamaxImpl::AdamaxImpl(AdamaxOptions o)
    : Optimizer(base_options(o), "adamax"),
      beta_1_(o.beta_1),
      beta_2_(o.beta_2),
      epsilon_(o.epsilon) {}

void AdamaxImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"momentum", "norm"});
  momentums_ = std::move(slots[0]);
  norms_ = std::move(slots[1]);
}

void AdamaxImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& m = slot(momentums_[i]);
  Variable& u = slot(norms_[i]);
  // beta_1^t in float32, as Keras casts both to the variable's dtype first.
  const float beta_1_power =
      std::pow(static_cast<float>(beta_1_), static_cast<float>(local_step()));
  m.assign_add(ops::multiply(ops::subtract(grad, m.value()), 1.0 - beta_1_));
  u.assign(ops::maximum(ops::multiply(u.value(), beta_2_), ops::abs(grad)));
  var.assign_sub(ops::divide(ops::multiply(m.value(), learning_rate),
                             ops::multiply(ops::add(u.value(), epsilon_), 1.0f - beta_1_power)));
}

ConfigValue AdamaxImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  c["epsilon"] = epsilon_;
  return c;
}

std::shared_ptr<AdamaxImpl> AdamaxImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Adamax");
  AdamaxOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  r.finish();
  return std::make_shared<AdamaxImpl>(std::move(o));
}

}  // namespace keras::optimizers
