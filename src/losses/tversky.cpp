#include "keras/losses/tversky.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/dice.hpp"

namespace keras::losses {

Tensor tversky(const Tensor& y_true, const Tensor& y_pred) { return tversky(y_true, y_pred, 0.5); }

Tensor tversky(const Tensor& y_true, const Tensor& y_pred, double alpha, double beta,
               const ops::Axes& axis) {
  Tensor t = ops::cast(y_true, y_pred.dtype());
  Tensor intersection = ops::sum(ops::multiply(t, y_pred), axis);
  Tensor fp = ops::sum(ops::multiply(ops::subtract(1.0, y_pred), t), axis);
  Tensor fn = ops::sum(ops::multiply(y_pred, ops::subtract(1.0, t)), axis);
  Tensor denominator =
      ops::add(ops::add(ops::add(intersection, ops::multiply(fp, alpha)), ops::multiply(fn, beta)),
               config::epsilon());
  return ops::subtract(1.0, ops::divide(intersection, denominator));
}

Tversky::Tversky(TverskyOptions o)
    : LossFunctionWrapper(
          [alpha = o.alpha, beta = o.beta, axis = o.axis](const Tensor& y_true,
                                                          const Tensor& y_pred) {
            return tversky(y_true, y_pred, alpha, beta, axis);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      alpha_(o.alpha),
      beta_(o.beta),
      axis_(o.axis) {}

ConfigValue Tversky::get_config() const {
  ConfigValue config = Loss::get_config();
  config["alpha"] = alpha_;
  config["beta"] = beta_;
  config["axis"] = axes_to_config(axis_);
  return config;
}

}  // namespace keras::losses
