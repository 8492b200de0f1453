#pragma once
// Internal: the einsum equations of MultiHeadAttention, after Keras's `_build_proj_equation` and
// `_build_attention_equation` (keras/src/layers/attention/multi_head_attention.py), so that
// projections, scores and the combination have Keras's axis layout.
#include <string>
#include <vector>

namespace keras::layers::impl {

struct ProjectionEquation {
  std::string equation;   // e.g. "abc,cde->abde"
  std::string bias_axes;  // the output labels, e.g. "de"
  int output_rank;
};
// `free_dims` axes pass through, `bound_dims` are contracted, `output_dims` are new.
ProjectionEquation build_proj_equation(int free_dims, int bound_dims, int output_dims);

struct AttentionEquations {
  std::string dot_product;  // (key, query) -> scores
  std::string combine;      // (scores, value) -> output
  int scores_rank;
};
// `rank` of the projected tensors (batch, ..., heads, channels); `attention_axes` normalized.
AttentionEquations build_attention_equation(int rank, const std::vector<int>& attention_axes);

}  // namespace keras::layers::impl
