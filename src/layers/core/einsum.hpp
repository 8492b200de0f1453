#pragma once
// Internal: the two-operand einsums EinsumDense and MultiHeadAttention compute ("abc,cde->abde",
// "aecd,abcd->acbe"), as one batched matmul between transposes and reshapes. keras::ops has no
// einsum; this path is also the fast one (one GEMM per call) and differentiable through the ops
// it uses.
#include <string>

#include "keras/core/tensor.hpp"

namespace keras::layers::impl {

// `equation` is "<a labels>,<b labels>-><output labels>" with single letters, no ellipsis and no
// label repeated within one operand. A label in both operands and the output is a batch axis,
// in both operands only is summed over (contracted), in one operand and the output is kept, in
// one operand only is summed first. Sizes of shared labels must agree (ValueError naming
// `owner`, the equation and both shapes).
Tensor einsum(const std::string& equation, const Tensor& a, const Tensor& b,
              const std::string& owner);

}  // namespace keras::layers::impl
