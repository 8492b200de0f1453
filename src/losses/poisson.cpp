#include "keras/losses/poisson.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor poisson(const Tensor& y_true, const Tensor& y_pred) {
  // As Keras's function: no rank matching here (the loss object's call does it).
  const Tensor& p = y_pred;
  Tensor t = ops::cast(y_true, y_pred.dtype());
  const double eps = config::epsilon();
  return ops::mean(ops::subtract(p, ops::multiply(t, ops::log(ops::add(p, eps)))), -1);
}

Poisson::Poisson(PoissonOptions options)
    : LossFunctionWrapper(
          poisson, {.reduction = std::move(options.reduction), .name = std::move(options.name)}) {}

}  // namespace keras::losses
