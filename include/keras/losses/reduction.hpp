#pragma once
// The weighting and reduction steps shared by every loss (and by metrics), as Keras's
// keras/src/losses/loss.py defines them. An undefined Tensor plays the role of Python's None.
#include <string>

#include "keras/core/tensor.hpp"

namespace keras::losses {

// The reductions Keras accepts: "sum", "sum_over_batch_size", "mean",
// "mean_with_sample_weight", "none" (Python's None is spelled "none" here).
// Returns `reduction` or throws ValueError listing the allowed values.
std::string standardize_reduction(const std::string& reduction);

// When the ranks differ by exactly one and the longer tensor's last dim is 1, squeezes that dim,
// or (the other one being rank 1 and `expand_rank_1`) expands the rank-1 tensor instead.
// Returns the pair in the order given.
std::pair<Tensor, Tensor> squeeze_or_expand_to_same_rank(const Tensor& x1, const Tensor& x2,
                                                         bool expand_rank_1 = true);

// Merges a mask (entries to keep) into sample_weight. For "mean" and "sum_over_batch_size" the
// kept entries get weight size/kept so the later division by the element count becomes a
// division by the number of kept entries.
Tensor apply_mask(const Tensor& sample_weight, const Tensor& mask, DType dtype,
                  const std::string& reduction);

// Reduces already weighted values: "none" (or a scalar / empty vector) returns them as they are,
// "sum" sums, "sum_over_batch_size"/"mean" divide the sum by the number of elements and
// "mean_with_sample_weight" by the sum of sample_weight (0 when the divisor is 0).
Tensor reduce_values(const Tensor& values, const Tensor& sample_weight = Tensor(),
                     const std::string& reduction = "sum_over_batch_size");

// Casts to `dtype`, folds the mask into sample_weight, weights the values and reduces them.
Tensor reduce_weighted_values(const Tensor& values, const Tensor& sample_weight = Tensor(),
                              const Tensor& mask = Tensor(),
                              const std::string& reduction = "sum_over_batch_size",
                              DType dtype = DType::float32);

// a / b, with 0 where b == 0 (and a gradient that stays finite there).
Tensor divide_no_nan(const Tensor& a, const Tensor& b);

}  // namespace keras::losses
