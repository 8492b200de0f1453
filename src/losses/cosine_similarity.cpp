#include "keras/losses/cosine_similarity.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"

namespace keras::losses {

namespace {

// keras.ops.normalize(x, axis, order=2): the 1/epsilon cap keeps a zero vector at zero.
Tensor l2_normalize(const Tensor& x, int axis) {
  Tensor inv_norm = ops::rsqrt(ops::sum(ops::square(x), axis, true));
  return ops::multiply(x, ops::minimum(inv_norm, 1.0 / config::epsilon()));
}

}  // namespace

Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred) {
  return cosine_similarity(y_true, y_pred, -1);
}

Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred, int axis) {
  auto [t, p] = squeeze_or_expand_to_same_rank(ops::cast(y_true, y_pred.dtype()), y_pred);
  return ops::negative(ops::sum(ops::multiply(l2_normalize(t, axis), l2_normalize(p, axis)), axis));
}

CosineSimilarity::CosineSimilarity(CosineSimilarityOptions o)
    : LossFunctionWrapper(
          [axis = o.axis](const Tensor& y_true, const Tensor& y_pred) {
            return cosine_similarity(y_true, y_pred, axis);
          },
          {.reduction = std::move(o.reduction), .name = std::move(o.name)}),
      axis_(o.axis) {}

}  // namespace keras::losses
