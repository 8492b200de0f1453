#include "keras/optimizers/adagrad.hpp"

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

AdagradImpl::AdagradImpl(AdagradOptions o)
    : Optimizer(base_options(o), "adagrad"),
      initial_accumulator_value_(o.initial_accumulator_value),
      epsilon_(o.epsilon) {}

void AdagradImpl::build_slots(const std::vector<Variable>& vars) {
  accumulators_ = add_optimizer_variables(vars, "accumulator");
  for (auto id : accumulators_)
    slot(id).assign(ops::full_like(slot(id).value(), initial_accumulator_value_));
}

void AdagradImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  Variable& accumulator = slot(accumulators_[variable_index(var)]);
  accumulator.assign_add(ops::square(grad));
  var.assign_sub(ops::divide(ops::multiply(grad, learning_rate),
                             ops::sqrt(ops::add(accumulator.value(), epsilon_))));
}

ConfigValue AdagradImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["initial_accumulator_value"] = initial_accumulator_value_;
  c["epsilon"] = epsilon_;
  return c;
}

std::shared_ptr<AdagradImpl> AdagradImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Adagrad");
  AdagradOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.initial_accumulator_value = r.number("initial_accumulator_value", o.initial_accumulator_value);
  o.epsilon = r.number("epsilon", o.epsilon);
  r.finish();
  return std::make_shared<AdagradImpl>(std::move(o));
}

}  // namespace keras::optimizers
