#pragma once
// Internal: the BatchNormalization layer's kernels as ops (backend::BatchNormArgs).
#include "keras/core/tensor.hpp"

namespace keras::ops::detail {

// x (float32 / float64) normalized along `axis` (in range) with the batch's statistics, then
// scaled by gamma and shifted by beta (undefined: none; of x's dtype, one value per channel).
// Returns {y, mean, variance}: the batch's mean and variance (1/n) for the moving averages; the
// gradient of y reaches x, gamma and beta (through the statistics too, in one backward kernel).
struct BatchNormTraining {
  Tensor y, mean, variance;
};
BatchNormTraining batch_norm_training(const Tensor& x, int axis, const Tensor& gamma,
                                      const Tensor& beta, double epsilon);

// The same with given statistics (mean, variance of x's dtype), in one kernel; undefined when a
// tape records a gradient for an operand (the caller then runs keras.ops.batch_normalization's
// ops, whose gradients the tape records).
Tensor batch_norm_inference(const Tensor& x, int axis, const Tensor& mean, const Tensor& variance,
                            const Tensor& gamma, const Tensor& beta, double epsilon);

}  // namespace keras::ops::detail
