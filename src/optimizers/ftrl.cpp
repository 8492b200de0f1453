#include "keras/optimizers/ftrl.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

namespace {
void require(bool ok, const std::string& what, const std::string& key, double value) {
  if (!ok)
    throw ValueError("`" + key + "` needs to be " + what + ". Received: " + key + "=" +
                     ConfigValue(value).dump() + ".");
}
}  // namespace

FtrlImpl::FtrlImpl(FtrlOptions o) : Optimizer(base_options(o), "ftrl"), o_(std::move(o)) {
  require(o_.initial_accumulator_value >= 0.0, "positive or zero", "initial_accumulator_value",
          o_.initial_accumulator_value);
  require(o_.learning_rate_power <= 0.0, "negative or zero", "learning_rate_power",
          o_.learning_rate_power);
  require(o_.l1_regularization_strength >= 0.0, "positive or zero", "l1_regularization_strength",
          o_.l1_regularization_strength);
  require(o_.l2_regularization_strength >= 0.0, "positive or zero", "l2_regularization_strength",
          o_.l2_regularization_strength);
  require(o_.l2_shrinkage_regularization_strength >= 0.0, "positive or zero",
          "l2_shrinkage_regularization_strength", o_.l2_shrinkage_regularization_strength);
}

void FtrlImpl::build_slots(const std::vector<Variable>& vars) {
  auto slots = add_optimizer_variables(vars, std::vector<std::string>{"accumulator", "linear"});
  accumulators_ = std::move(slots[0]);
  linears_ = std::move(slots[1]);
  for (auto id : accumulators_)
    slot(id).assign(ops::full_like(slot(id).value(), o_.initial_accumulator_value));
}

void FtrlImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& accumulator = slot(accumulators_[i]);
  Variable& linear = slot(linears_[i]);
  const double power = -o_.learning_rate_power;
  // l2 + beta / (2 lr): the division in float32, as lr is a float32 tensor in Keras.
  const float l2 = static_cast<float>(o_.l2_regularization_strength) +
                   static_cast<float>(o_.beta) / (2.0f * static_cast<float>(learning_rate));
  const Tensor w = var.value();
  const Tensor grad_to_use =
      ops::add(grad, ops::multiply(w, 2 * o_.l2_shrinkage_regularization_strength));
  const Tensor new_accumulator = ops::add(accumulator.value(), ops::square(grad));
  const Tensor new_power = ops::power(new_accumulator, power);
  const Tensor old_power = ops::power(accumulator.value(), power);
  linear.assign_add(ops::subtract(
      grad_to_use,
      ops::multiply(ops::divide(ops::subtract(new_power, old_power), learning_rate), w)));
  const Tensor quadratic = ops::add(ops::divide(new_power, learning_rate), 2.0f * l2);
  const double l1 = o_.l1_regularization_strength;
  const Tensor linear_clipped = ops::clip(linear.value(), -l1, l1);
  var.assign(ops::divide(ops::subtract(linear_clipped, linear.value()), quadratic));
  accumulator.assign(new_accumulator);
}

ConfigValue FtrlImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["learning_rate_power"] = o_.learning_rate_power;
  c["initial_accumulator_value"] = o_.initial_accumulator_value;
  c["l1_regularization_strength"] = o_.l1_regularization_strength;
  c["l2_regularization_strength"] = o_.l2_regularization_strength;
  c["l2_shrinkage_regularization_strength"] = o_.l2_shrinkage_regularization_strength;
  c["beta"] = o_.beta;
  return c;
}

std::shared_ptr<FtrlImpl> FtrlImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Ftrl");
  FtrlOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.learning_rate_power = r.number("learning_rate_power", o.learning_rate_power);
  o.initial_accumulator_value = r.number("initial_accumulator_value", o.initial_accumulator_value);
  o.l1_regularization_strength =
      r.number("l1_regularization_strength", o.l1_regularization_strength);
  o.l2_regularization_strength =
      r.number("l2_regularization_strength", o.l2_regularization_strength);
  o.l2_shrinkage_regularization_strength =
      r.number("l2_shrinkage_regularization_strength", o.l2_shrinkage_regularization_strength);
  o.beta = r.number("beta", o.beta);
  r.finish();
  return std::make_shared<FtrlImpl>(std::move(o));
}

}  // namespace keras::optimizers
