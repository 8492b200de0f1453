#include "keras/losses/dice.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor dice(const Tensor& y_true, const Tensor& y_pred) { return dice(y_true, y_pred, {}); }

Tensor dice(const Tensor& y_true, const Tensor& y_pred, const ops::Axes& axis) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  Tensor intersection = ops::sum(ops::multiply(t, y_pred), axis);
  Tensor denominator =
      ops::add(ops::add(ops::sum(t, axis), ops::sum(y_pred, axis)), config::epsilon());
  return ops::subtract(1.0, ops::divide(ops::multiply(intersection, 2.0), denominator));
}

ConfigValue axes_to_config(const ops::Axes& axis) {
  if (axis.is_none()) return ConfigValue();
  if (axis.list().size() == 1) return ConfigValue(axis.list()[0]);
  ConfigValue list = ConfigValue::list();
  for (int a : axis.list()) list.push_back(a);
  return list;
}

Dice::Dice(DiceOptions o)
    : LossFunctionWrapper(
          [axis = o.axis](const Tensor& y_true, const Tensor& y_pred) {
            return dice(y_true, y_pred, axis);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      axis_(o.axis) {}

ConfigValue Dice::get_config() const {
  ConfigValue config = Loss::get_config();
  config["axis"] = axes_to_config(axis_);
  return config;
}

}  // namespace keras::losses
