#include "keras/losses/log_cosh.hpp"

#include <cmath>

#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor log_cosh(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  // log(cosh(x)) = x + softplus(-2x) - log(2): finite for any x, where cosh overflows.
  Tensor x = ops::subtract(p, t);
  Tensor log_cosh_x = ops::subtract(ops::add(x, ops::softplus(ops::multiply(x, -2.0))),
                                    scalar(std::log(2.0), x.dtype()));
  return ops::mean(log_cosh_x, -1);
}

LogCosh::LogCosh(LogCoshOptions options)
    : LossFunctionWrapper(
          log_cosh, {.reduction = std::move(options.reduction), .name = std::move(options.name)}) {}

}  // namespace keras::losses
