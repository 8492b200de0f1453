#include "keras/optimizers/lion.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

LionImpl::LionImpl(LionOptions o)
    : Optimizer(base_options(o), "lion"), beta_1_(o.beta_1), beta_2_(o.beta_2) {
  if (beta_1_ <= 0 || beta_1_ > 1)
    throw ValueError(
        "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer degenerates to "
        "SignSGD. Received: beta_1=" +
        ConfigValue(beta_1_).dump() + ".");
}

void LionImpl::build_slots(const std::vector<Variable>& vars) {
  momentums_ = add_optimizer_variables(vars, "momentum");
}

void LionImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  Variable& m = slot(momentums_[variable_index(var)]);
  // Keras casts the betas to the variable's dtype before taking 1 - beta.
  const float b1 = static_cast<float>(beta_1_), b2 = static_cast<float>(beta_2_);
  var.assign_sub(ops::multiply(
      ops::sign(ops::add(ops::multiply(m.value(), b1), ops::multiply(grad, 1.0f - b1))),
      learning_rate));
  m.assign(ops::add(ops::multiply(m.value(), b2), ops::multiply(grad, 1.0f - b2)));
}

ConfigValue LionImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  return c;
}

std::shared_ptr<LionImpl> LionImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Lion");
  LionOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  r.finish();
  return std::make_shared<LionImpl>(std::move(o));
}

}  // namespace keras::optimizers
