#include "src/layers/attention/attention_masks.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers::impl {

namespace {
// Positions 0..n-1 laid along `shape` ((1, T, 1) or (1, 1, S)).
Tensor positions(std::int64_t n, const Shape& shape) {
  return ops::reshape(ops::arange(0, n, 1, DType::int32), shape);
}
}  // namespace

Tensor causal_mask(std::int64_t t, std::int64_t s) {
  return ops::greater_equal(positions(t, {1, t, 1}), positions(s, {1, 1, s}));
}

Tensor sliding_window_mask(std::int64_t t, std::int64_t s, std::int64_t window) {
  return ops::less(ops::abs(ops::subtract(positions(t, {1, t, 1}), positions(s, {1, 1, s}))),
                   ops::full(Shape{}, static_cast<double>(window), DType::int32));
}

Tensor checked_step_mask(const Tensor& mask, const Shape& input_shape, const std::string& what,
                         const std::string& owner) {
  const Shape& m = mask.shape();
  bool fits = m.rank() == input_shape.rank() - 1;
  for (int d = 0; fits && d < m.rank(); ++d)
    fits = m[d] == 1 || m[d] == input_shape[d] || input_shape[d] == kNone;
  if (!fits) {
    std::vector<std::int64_t> want(input_shape.dims().begin(), input_shape.dims().end() - 1);
    throw ValueError(owner + ": the " + what + " mask must have the " + what +
                     "'s shape without its last axis, " + Shape(want).to_string() +
                     ". Received: " + what + "_mask.shape=" + m.to_string() + ", " + what +
                     ".shape=" + input_shape.to_string());
  }
  return ops::cast(mask, DType::bool_);
}

Tensor combine_attention_masks(const Shape& query_shape, const Shape& value_shape,
                               const StepMasks& masks, const Tensor& attention_mask,
                               bool use_causal_mask, std::optional<std::int64_t> sliding_window) {
  const std::int64_t t = query_shape[1], s = value_shape[1];
  Tensor auto_mask;
  auto add = [&](const Tensor& m) {
    auto_mask = auto_mask.defined() ? ops::logical_and(auto_mask, m) : m;
  };
  auto as_bool = [](const Tensor& m) { return ops::cast(m, DType::bool_); };
  if (masks.query.defined()) add(ops::expand_dims(as_bool(masks.query), -1));  // (B, T, 1)
  if (masks.value.defined()) add(ops::expand_dims(as_bool(masks.value), -2));  // (B, 1, S)
  if (masks.key.defined()) add(ops::expand_dims(as_bool(masks.key), -2));
  if (use_causal_mask) add(causal_mask(t, s));
  if (sliding_window) add(sliding_window_mask(t, s, *sliding_window));
  Tensor mask = attention_mask.defined() ? as_bool(attention_mask) : Tensor();
  if (auto_mask.defined()) mask = mask.defined() ? ops::logical_and(mask, auto_mask) : auto_mask;
  return mask;
}

Tensor masked_softmax(SoftmaxImpl& softmax, const Tensor& scores, Tensor mask, int expand_at,
                      const std::vector<int>& softmax_axes, bool fused) {
  if (!mask.defined()) return softmax(scores);
  while (mask.shape().rank() < scores.shape().rank()) mask = ops::expand_dims(mask, expand_at);
  // As Keras, the Softmax layer takes it as its input's mask: it checks it (in Keras's words),
  // gives masked positions -1e9 before the softmax and exactly 0 after it, and the scores it
  // returns carry it.
  set_keras_mask(scores, mask);
  Tensor weights = softmax(scores);
  if (!fused) return weights;
  const ops::Axes axes(softmax_axes);
  double keys = 1.0;
  for (int a : softmax_axes) keys *= static_cast<double>(scores.shape()[a]);
  Tensor attends = ops::any(ops::cast(mask, DType::bool_), axes, true);
  return ops::where(attends, weights, ops::full_like(weights, 1.0 / keys));
}

}  // namespace keras::layers::impl
