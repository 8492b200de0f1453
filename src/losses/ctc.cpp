#include "keras/losses/ctc.hpp"

#include "keras/core/ops.hpp"

namespace keras::losses {

namespace {

// log(0) in the recursion: finite, so that 0 * log(0) terms stay 0 and gradients stay finite.
constexpr double kLogEpsilon = -1e5;

// log(exp(a) + exp(b)) with the shift held constant, so the gradient is the exact softmax
// weights even where a == b (jnp.logaddexp's derivative).
Tensor logaddexp(const Tensor& a, const Tensor& b) {
  Tensor m = ops::stop_gradient(ops::maximum(a, b));
  return ops::add(m,
                  ops::log(ops::add(ops::exp(ops::subtract(a, m)), ops::exp(ops::subtract(b, m)))));
}

// Columns [start, start + size) of a (batch, n) tensor.
Tensor columns(const Tensor& x, std::int64_t start, std::int64_t size) {
  return ops::slice(x, {0, start}, {x.shape()[0], size});
}

// phi[:, 1:] combined with `added` in log space; phi[:, 0] unchanged.
Tensor update_phi_score(const Tensor& phi, const Tensor& added) {
  const std::int64_t n = phi.shape()[1];
  return ops::concatenate({columns(phi, 0, 1), logaddexp(columns(phi, 1, n - 1), added)}, -1);
}

// 1.0 where position >= length: (batch, max_length).
Tensor paddings(const Tensor& lengths, std::int64_t max_length, DType dtype) {
  Tensor positions = ops::reshape(ops::arange(static_cast<double>(max_length)), {1, max_length});
  Tensor lens = ops::expand_dims(ops::cast(lengths, DType::int32), -1);
  return ops::cast(ops::greater_equal(ops::cast(positions, DType::int32), lens), dtype);
}

}  // namespace

Tensor ctc_loss(const Tensor& target, const Tensor& output, const Tensor& target_length,
                const Tensor& output_length, int mask_index) {
  if (target.rank() != 2 || output.rank() != 3 || target.shape()[0] != output.shape()[0])
    throw ValueError(
        "ctc_loss: expected target (batch_size, max_label_length) and output "
        "(batch_size, max_length, num_classes) with the same batch size. Received: "
        "target.shape=" +
        target.shape().to_string() + ", output.shape=" + output.shape().to_string());
  const std::int64_t batch = output.shape()[0], max_time = output.shape()[1];
  const std::int64_t num_classes = output.shape()[2], max_labels = target.shape()[1];
  if (mask_index < 0 || mask_index >= num_classes)
    throw ValueError("ctc_loss: `mask_index` must be a class index in [0, " +
                     std::to_string(num_classes) + "). Received: " + std::to_string(mask_index));
  // At least float32, as tf.nn.ctc_loss promotes.
  const DType dtype = output.dtype() == DType::float64 ? DType::float64 : DType::float32;
  Tensor labels = ops::cast(target, DType::int32);
  Tensor target_pad = paddings(target_length, max_labels, dtype);
  Tensor output_pad = paddings(output_length, max_time, dtype);
  Tensor logprobs = ops::log_softmax(ops::cast(output, dtype), -1);  // (B, T, K)
  Tensor label_lengths = ops::cast(
      ops::subtract(static_cast<double>(max_labels), ops::sum(target_pad, 1)), DType::int32);

  // repeat[b, n] = 1 when label n + 1 repeats label n (a blank must then separate them).
  Tensor repeat = ops::zeros({batch, max_labels}, dtype);
  if (max_labels > 1) {
    Tensor same = ops::cast(
        ops::equal(columns(labels, 0, max_labels - 1), columns(labels, 1, max_labels - 1)), dtype);
    repeat = ops::concatenate({same, ops::zeros({batch, 1}, dtype)}, -1);
  }
  // logprobs of the blank per step (B, T) and of each label per step (B, T, N), the latter as
  // Keras's einsum with the labels' one-hot rows.
  Tensor logprobs_phi = ops::reshape(ops::slice(logprobs, {0, 0, mask_index}, {batch, max_time, 1}),
                                     {batch, max_time});
  Tensor one_hot = ops::one_hot(labels, num_classes, -1, dtype);  // (B, N, K)
  Tensor logprobs_emit = ops::matmul(logprobs, ops::transpose(one_hot, {0, 2, 1}));

  Tensor phi = ops::concatenate(
      {ops::zeros({batch, 1}, dtype), ops::full({batch, max_labels}, kLogEpsilon, dtype)}, -1);
  Tensor emit = ops::full({batch, max_labels}, kLogEpsilon, dtype);
  Tensor not_repeat = ops::subtract(1.0, repeat);
  for (std::int64_t t = 0; t < max_time; ++t) {
    Tensor lp_emit = ops::reshape(ops::slice(logprobs_emit, {0, t, 0}, {batch, 1, max_labels}),
                                  {batch, max_labels});
    Tensor lp_phi = columns(logprobs_phi, t, 1);  // (B, 1)
    Tensor pad = columns(output_pad, t, 1);       // (B, 1)
    // emit-to-phi epsilon transition, except into a repeated label.
    Tensor prev_phi = update_phi_score(phi, ops::add(emit, ops::multiply(repeat, kLogEpsilon)));
    // phi-to-emit and emit self-loop transitions.
    Tensor next_emit =
        logaddexp(ops::add(columns(prev_phi, 0, max_labels), lp_emit), ops::add(emit, lp_emit));
    // phi self-loop, and emit-to-phi through a blank only before a repeated label.
    Tensor next_phi =
        update_phi_score(ops::add(prev_phi, lp_phi),
                         ops::add(ops::add(emit, lp_phi), ops::multiply(not_repeat, kLogEpsilon)));
    // Steps past a sequence's length keep its state.
    Tensor keep = ops::subtract(1.0, pad);
    emit = ops::add(ops::multiply(pad, emit), ops::multiply(keep, next_emit));
    phi = ops::add(ops::multiply(pad, phi), ops::multiply(keep, next_phi));
  }
  // The last epsilon transition, then the score of each sequence's own length.
  Tensor last_phi = update_phi_score(phi, emit);
  Tensor pick = ops::one_hot(label_lengths, max_labels + 1, -1, dtype);
  return ops::negative(ops::sum(ops::multiply(last_phi, pick), -1));
}

Tensor ctc(const Tensor& y_true, const Tensor& y_pred) {
  if (y_true.rank() != 2)
    throw ValueError(
        "Targets `y_true` are expected to be a tensor of shape `(batch_size, max_length)` in "
        "integer format. Received: y_true.shape=" +
        y_true.shape().to_string());
  if (y_pred.rank() != 3)
    throw ValueError(
        "Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, "
        "num_classes)`. Received: y_pred.shape=" +
        y_pred.shape().to_string());
  const std::int64_t batch = y_pred.shape()[0], time = y_pred.shape()[1];
  Tensor labels = ops::cast(y_true, DType::int32);
  Tensor input_length = ops::full({batch}, static_cast<double>(time), DType::int32);
  Tensor label_length =
      ops::cast(ops::sum(ops::cast(ops::not_equal(labels, 0), DType::int32), -1), DType::int32);
  return ctc_loss(labels, y_pred, label_length, input_length, 0);
}

CTC::CTC(CTCOptions o)
    : LossFunctionWrapper(ctc, {.reduction = std::move(o.reduction), .name = std::move(o.name)}) {}

}  // namespace keras::losses
