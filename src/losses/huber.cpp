#include "keras/losses/huber.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

Tensor huber(const Tensor& y_true, const Tensor& y_pred) { return huber(y_true, y_pred, 1.0); }

Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  Tensor error = ops::subtract(p, t);
  Tensor abs_error = ops::abs(error);
  Tensor quadratic = ops::multiply(ops::square(error), 0.5);
  Tensor linear = ops::subtract(ops::multiply(abs_error, delta), 0.5 * delta * delta);
  return ops::mean(ops::where(ops::less_equal(abs_error, delta), quadratic, linear), -1);
}

Huber::Huber(HuberOptions options)
    : LossFunctionWrapper(
          [delta = options.delta](const Tensor& y_true, const Tensor& y_pred) {
            return huber(y_true, y_pred, delta);
          },
          {.reduction = std::move(options.reduction), .name = std::move(options.name)}),
      delta_(options.delta) {}

}  // namespace keras::losses
