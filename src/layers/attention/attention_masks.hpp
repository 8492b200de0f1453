#pragma once
// Internal: the masks of the attention layers, shared by Attention, MultiHeadAttention and
// GroupedQueryAttention (Keras's `_compute_attention_mask`, `_compute_causal_mask` and
// `_compute_sliding_window_mask`, and the masked softmax of its fused and explicit paths).
#include <optional>
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"
#include "keras/layers/activations/softmax.hpp"

namespace keras::layers::impl {

// (1, T, S) bool: query position i may attend to key position j when j <= i.
Tensor causal_mask(std::int64_t t, std::int64_t s);
// (1, T, S) bool: |i - j| < window (a band of window - 1 steps on either side).
Tensor sliding_window_mask(std::int64_t t, std::int64_t s, std::int64_t window);

// A step mask (Keras's query / value / key mask) of the input `input_shape` (batch, T, ..., dim)
// as bool, checked to have its shape without the last axis (1 broadcasts); otherwise a
// ValueError naming `owner` and both shapes. `what`: "query", "value" or "key".
Tensor checked_step_mask(const Tensor& mask, const Shape& input_shape, const std::string& what,
                         const std::string& owner);

// The masks a call finds on its inputs (undefined where none).
struct StepMasks {
  Tensor query, value, key;
};
// Keras's _compute_attention_mask: the query mask as (B, T, 1), value and key masks as
// (B, 1, S), the causal and sliding-window masks (1, T, S) and `attention_mask` (cast to bool)
// combined with a logical and; undefined when there is none. T and S are the query's and the
// value's axis 1.
Tensor combine_attention_masks(const Shape& query_shape, const Shape& value_shape,
                               const StepMasks& masks, const Tensor& attention_mask,
                               bool use_causal_mask, std::optional<std::int64_t> sliding_window);

// The softmax of `scores` over `softmax_axes` by the `softmax` sublayer, `mask` (if defined)
// gaining axes at `expand_at` up to the scores' rank. Masked positions get exactly zero, so a
// query that may attend to nothing gets zeros (Keras's explicit path); with `fused`, Keras's
// fused path (jax.nn.dot_product_attention), such a query is spread evenly over the keys.
Tensor masked_softmax(SoftmaxImpl& softmax, const Tensor& scores, Tensor mask, int expand_at,
                      const std::vector<int>& softmax_axes, bool fused);

}  // namespace keras::layers::impl
