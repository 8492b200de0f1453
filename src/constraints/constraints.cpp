// The built-in constraints, as keras/src/constraints/constraints.py computes them.
#include "keras/constraints/constraints.hpp"

#include "keras/core/config.hpp"
#include "keras/core/handle.hpp"
#include "keras/core/ops/math.hpp"
#include "keras/core/ops/reduction.hpp"
#include "src/core/argument_checks.hpp"

namespace keras::constraints {

namespace {

// sqrt(sum(w^2, axis, keepdims=True)); `who` names the constraint in the error for an axis the
// weight does not have (ops::sum's own message would not say which constraint it came from).
Tensor norms_along(const Tensor& w, const Axis& given, const char* who) {
  const ops::Axes& axis = given.axes();
  const int rank = static_cast<int>(w.rank());
  if (!axis.is_none())
    for (int a : axis.list())
      if (a < -rank || a >= rank)
        throw ValueError(std::string(who) + ": axis " + std::to_string(a) +
                         " is out of range for a weight of shape " + w.shape().to_string() +
                         " (rank " + std::to_string(rank) + ")");
  return ops::sqrt(ops::sum(ops::square(w), axis, true));
}

// w * desired / (epsilon + norms), in Keras's order of operations (so float32 results agree).
Tensor rescaled(const Tensor& w, const Tensor& desired, const Tensor& norms) {
  return ops::multiply(w, ops::divide(desired, ops::add(config::epsilon(), norms)));
}

}  // namespace

std::string Constraint::class_name() const { return detail::handle_class_name(typeid(*this)); }

ConfigValue Number::config() const {
  return integral_ ? ConfigValue(static_cast<std::int64_t>(value_)) : ConfigValue(value_);
}

Number Number::from_config(const ConfigValue& value, const char* name) {
  if (value.is_int()) return Number(value.as_int());
  if (value.is_number()) return Number(value.as_double());
  throw ValueError(std::string("Invalid value for argument ") + name +
                   ": expected a number. Received: " + name + "=" + value.dump());
}

ConfigValue Axis::config() const {
  if (axes_.is_none()) return nullptr;
  if (!list_) return axes_.list()[0];
  return ConfigValue::list_of(axes_.list());
}

Axis Axis::from_config(const ConfigValue& value) {
  if (value.is_null()) return {};
  if (value.is_int()) return static_cast<int>(value.as_int());
  if (!value.is_list())
    throw ValueError(
        "Invalid value for argument axis: expected an int, a list of ints or null. "
        "Received: axis=" +
        value.dump());
  std::vector<int> axes;
  for (std::int64_t a : value.as_int_list()) axes.push_back(static_cast<int>(a));
  return axes;
}

MaxNorm::MaxNorm(MaxNormOptions options) : options_(std::move(options)) {
  detail::non_negative_float_arg(options_.max_value.value(), "max_value");
}

Tensor MaxNorm::operator()(const Tensor& w) const {
  Tensor norms = norms_along(w, options_.axis, "MaxNorm");
  return rescaled(w, ops::clip(norms, 0.0, max_value()), norms);
}

ConfigValue MaxNorm::get_config() const {
  return ConfigValue::Dict{{"max_value", options_.max_value.config()},
                           {"axis", options_.axis.config()}};
}

MinMaxNorm::MinMaxNorm(MinMaxNormOptions options) : options_(std::move(options)) {
  detail::non_negative_float_arg(min_value(), "min_value");
  detail::non_negative_float_arg(max_value(), "max_value");
  if (min_value() > max_value())
    throw ValueError(
        "Invalid values for MinMaxNorm: min_value must not exceed max_value. Received: "
        "min_value=" +
        options_.min_value.config().dump() + ", max_value=" + options_.max_value.config().dump());
  if (!(rate() >= 0.0 && rate() <= 1.0))
    throw ValueError(
        "Invalid value for argument rate: expected a number between 0 and 1. Received: rate=" +
        options_.rate.config().dump());
}

Tensor MinMaxNorm::operator()(const Tensor& w) const {
  Tensor norms = norms_along(w, options_.axis, "MinMaxNorm");
  Tensor desired = ops::add(ops::multiply(rate(), ops::clip(norms, min_value(), max_value())),
                            ops::multiply(1.0 - rate(), norms));
  return rescaled(w, desired, norms);
}

ConfigValue MinMaxNorm::get_config() const {
  return ConfigValue::Dict{{"min_value", options_.min_value.config()},
                           {"max_value", options_.max_value.config()},
                           {"rate", options_.rate.config()},
                           {"axis", options_.axis.config()}};
}

Tensor NonNeg::operator()(const Tensor& w) const { return ops::maximum(w, 0.0); }

Tensor UnitNorm::operator()(const Tensor& w) const {
  Tensor norms = norms_along(w, axis_, "UnitNorm");
  return ops::divide(w, ops::add(config::epsilon(), norms));
}

ConfigValue UnitNorm::get_config() const { return ConfigValue::Dict{{"axis", axis_.config()}}; }

}  // namespace keras::constraints
