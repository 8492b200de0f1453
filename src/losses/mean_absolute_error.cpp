#include "keras/losses/mean_absolute_error.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor mean_absolute_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  return ops::mean(ops::abs(ops::subtract(t, p)), -1);
}

MeanAbsoluteError::MeanAbsoluteError(MeanAbsoluteErrorOptions options)
    : LossFunctionWrapper(mean_absolute_error, {.reduction = std::move(options.reduction),
                                                .name = std::move(options.name)}) {}

}  // namespace keras::losses
