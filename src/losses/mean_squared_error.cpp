#include "keras/losses/mean_squared_error.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor mean_squared_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  return ops::mean(ops::square(ops::subtract(t, p)), -1);
}

MeanSquaredError::MeanSquaredError(MeanSquaredErrorOptions options)
    : LossFunctionWrapper(mean_squared_error, {.reduction = std::move(options.reduction),
                                               .name = std::move(options.name)}) {}

}  // namespace keras::losses
