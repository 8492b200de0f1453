#include "keras/losses/mean_squared_logarithmic_error.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor mean_squared_logarithmic_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  const double eps = config::epsilon();
  Tensor first_log = ops::log(ops::add(ops::maximum(p, eps), 1.0));
  Tensor second_log = ops::log(ops::add(ops::maximum(t, eps), 1.0));
  return ops::mean(ops::square(ops::subtract(first_log, second_log)), -1);
}

MeanSquaredLogarithmicError::MeanSquaredLogarithmicError(MeanSquaredLogarithmicErrorOptions options)
    : LossFunctionWrapper(
          mean_squared_logarithmic_error,
          {.reduction = std::move(options.reduction), .name = std::move(options.name)}) {}

}  // namespace keras::losses
