#include "keras/losses/mean_absolute_percentage_error.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor mean_absolute_percentage_error(const Tensor& y_true, const Tensor& y_pred) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  // Dividing by max(|y_true|, epsilon) keeps zero labels finite (a huge but finite percentage).
  const double eps = config::epsilon();
  Tensor diff = ops::abs(ops::divide(ops::subtract(t, p), ops::maximum(ops::abs(t), eps)));
  return ops::multiply(ops::mean(diff, -1), 100.0);
}

MeanAbsolutePercentageError::MeanAbsolutePercentageError(MeanAbsolutePercentageErrorOptions options)
    : LossFunctionWrapper(
          mean_absolute_percentage_error,
          {.reduction = std::move(options.reduction), .name = std::move(options.name)}) {}

}  // namespace keras::losses
