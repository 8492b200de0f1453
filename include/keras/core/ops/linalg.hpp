#pragma once
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::ops {

// NumPy matmul: 1-D operands are promoted and the added axis removed; batch dims broadcast.
Tensor matmul(const Tensor& a, const Tensor& b);
// Permutes axes; an empty `axes` reverses them (numpy.transpose).
Tensor transpose(const Tensor& x, std::vector<int> axes = {});
// numpy.dot: scalar product for 0-d, inner product for 1-d, matmul for 2-d, and for N-d the
// sum over the last axis of a and the second-to-last of b.
Tensor dot(const Tensor& a, const Tensor& b);

}  // namespace keras::ops
