#include "keras/losses/kl_divergence.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor kl_divergence(const Tensor& y_true, const Tensor& y_pred) {
  // As Keras's function: no rank matching here (the loss object's call does it).
  const Tensor& p = y_pred;
  Tensor t = ops::cast(y_true, y_pred.dtype());
  // Clipping both to [epsilon, 1] keeps log finite for zero probabilities.
  const double eps = config::epsilon();
  Tensor tc = ops::clip(t, eps, 1.0), pc = ops::clip(p, eps, 1.0);
  return ops::sum(ops::multiply(tc, ops::log(ops::divide(tc, pc))), -1);
}

KLDivergence::KLDivergence(KLDivergenceOptions options)
    : LossFunctionWrapper(kl_divergence, {.reduction = std::move(options.reduction),
                                          .name = std::move(options.name)}) {}

}  // namespace keras::losses
