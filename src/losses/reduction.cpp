#include "keras/losses/reduction.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

std::string standardize_reduction(const std::string& reduction) {
  static const char* const kAllowed[] = {"sum_over_batch_size", "sum", "none", "mean",
                                         "mean_with_sample_weight"};
  for (const char* a : kAllowed)
    if (reduction == a) return reduction;
  throw ValueError(
      "Invalid value for argument `reduction`. Expected one of {'sum', None, "
      "'none', 'sum_over_batch_size', 'mean', 'mean_with_sample_weight'}. "
      "Received: reduction=" +
      reduction);
}

std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(const Tensor& x1, const Tensor& x2,
                                                         bool expand_rank_1) {
  Tensor a = x1, b = x2;
  const int r1 = a.rank(), r2 = b.rank();
  if (r1 == r2) return {a, b};
  if (r1 == r2 + 1 && a.shape().dim(-1) == 1) {
    if (r2 == 1 && expand_rank_1) b = ops::expand_dims(b, -1);
    else a = ops::squeeze(a, -1);
  }
  if (r2 == r1 + 1 && b.shape().dim(-1) == 1) {
    if (r1 == 1 && expand_rank_1) a = ops::expand_dims(a, -1);
    else b = ops::squeeze(b, -1);
  }
  return {a, b};
}

Tensor divide_no_nan(const Tensor& a, const Tensor& b) {
  // Dividing by a safe denominator first keeps inf/nan out of the unused branch, whose
  // gradient would otherwise turn into nan through `where`.
  Tensor zero = ops::equal(b, 0.0);
  Tensor safe = ops::where(zero, ops::ones_like(b), b);
  Tensor q = ops::divide(a, safe);
  return ops::where(zero, ops::zeros_like(q), q);
}

Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const std::string& reduction) {
  if (!mask.defined()) return sample_weight;
  Tensor float_mask;
  if (reduction == "mean" || reduction == "sum_over_batch_size") {
    Tensor total = scalar(static_cast<double>(mask.size()), dtype);
    Tensor valid = ops::sum(ops::cast(mask, dtype));  // may be 0
    Tensor mask_weight = divide_no_nan(total, valid);
    float_mask = ops::where(ops::cast(mask, DType::bool_), mask_weight, ops::zeros_like(total));
  } else {
    float_mask = ops::cast(mask, dtype);
  }
  if (!sample_weight.defined()) return float_mask;
  auto [m, w] = squeeze_or_expand_to_same_rank(float_mask, ops::cast(sample_weight, dtype));
  return ops::multiply(w, m);
}

Tensor reduce_values(const Tensor& values, const Tensor& sample_weight,
                     const std::string& reduction) {
  if (reduction == "none" || values.rank() == 0 || (values.rank() == 1 && values.shape()[0] == 0))
    return values;
  Tensor loss = ops::sum(values);
  if (reduction == "sum") return loss;
  Tensor divisor;
  if (reduction == "mean_with_sample_weight" && sample_weight.defined())
    divisor = ops::cast(ops::sum(sample_weight), loss.dtype());
  else divisor = scalar(static_cast<double>(values.size()), loss.dtype());
  return divide_no_nan(loss, divisor);
}

Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight, const Tensor& mask,
                              const std::string& reduction, DType dtype) {
  standardize_reduction(reduction);
  Tensor v = ops::cast(values, dtype);
  Tensor w = sample_weight.defined() ? ops::cast(sample_weight, dtype) : Tensor();
  w = apply_mask(w, mask.defined() ? ops::cast(mask, dtype) : Tensor(), dtype, reduction);
  if (w.defined()) {
    auto [v2, w2] = squeeze_or_expand_to_same_rank(v, w);
    // Checked here so the error names sample_weight instead of a bare multiply.
    try {
      broadcast_shapes(v2.shape(), w2.shape());
    } catch (const ValueError&) {
      throw ValueError("`sample_weight` of shape " + sample_weight.shape().to_string() +
                       " cannot be broadcast to the per-sample losses of shape " +
                       values.shape().to_string());
    }
    v = ops::multiply(v2, w2);
    w = w2;
  }
  return reduce_values(v, w, reduction);
}

}  // namespace keras::losses
