#include "keras/optimizers/nadam.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

namespace {
// Dozat's momentum schedule at step t, in float32 as Keras computes it.
float mu(float beta_1, float t) { return beta_1 * (1.0f - 0.5f * std::pow(0.96f, t)); }
}  // namespace

NadamImpl::NadamImpl(NadamOptions o)
    : Optimizer(base_options(o), "nadam"),
      beta_1_(o.beta_1),
      beta_2_(o.beta_2),
      epsilon_(o.epsilon) {}

void NadamImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"momentum", "velocity"});
  momentums_ = std::move(slots[0]);
  velocities_ = std::move(slots[1]);
  // Keras makes it a bare backend.Variable(1.0) in build: unnamed, and outside the optimizer's
  // name scope when fit builds the optimizer (path "variable").
  const DType dtype = vars.empty() ? DType::float32 : vars[0].dtype();
  u_product_ = add_variable(ops::full({}, 1.0, dtype), "variable");
}

void NadamImpl::before_update_steps() {
  // u_product *= beta_1 * (1 - 0.5 * 0.96^t), once per update (Keras's _backend_update_step).
  Variable& u = slot(u_product_);
  const float t = static_cast<float>(local_step());
  u.assign(ops::multiply(ops::multiply(u.value(), beta_1_), 1.0f - 0.5f * std::pow(0.96f, t)));
}

void NadamImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& m = slot(momentums_[i]);
  Variable& v = slot(velocities_[i]);
  // The scalars in float32, in Keras's order (it casts beta_1, beta_2 and the steps first).
  const float b1 = static_cast<float>(beta_1_), b2 = static_cast<float>(beta_2_);
  const float t = static_cast<float>(local_step());
  const float u_t = mu(b1, t), u_t_1 = mu(b1, t + 1.0f);
  const float u_product_t = slot(u_product_).value().item<float>();
  const float u_product_t_1 = u_product_t * u_t_1;
  const float beta_2_power = std::pow(b2, t);

  m.assign_add(ops::multiply(ops::subtract(grad, m.value()), 1.0f - b1));
  v.assign_add(ops::multiply(ops::subtract(ops::square(grad), v.value()), 1.0f - b2));
  const Tensor m_hat = ops::add(ops::divide(ops::multiply(m.value(), u_t_1), 1.0f - u_product_t_1),
                                ops::divide(ops::multiply(grad, 1.0f - u_t), 1.0f - u_product_t));
  const Tensor v_hat = ops::divide(v.value(), 1.0f - beta_2_power);
  var.assign_sub(
      ops::divide(ops::multiply(m_hat, learning_rate), ops::add(ops::sqrt(v_hat), epsilon_)));
}

ConfigValue NadamImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_1"] = beta_1_;
  c["beta_2"] = beta_2_;
  c["epsilon"] = epsilon_;
  return c;
}

std::shared_ptr<NadamImpl> NadamImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Nadam");
  NadamOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  r.finish();
  return std::make_shared<NadamImpl>(std::move(o));
}

}  // namespace keras::optimizers
