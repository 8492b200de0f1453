#pragma once
// keras.losses.CTC / ctc: Connectionist Temporal Classification (Graves et al., 2006), the
// negative log-likelihood of a label sequence summed over every alignment of it to the
// predictions' time steps, for sequence outputs without per-step targets (speech, handwriting).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// keras.ops.ctc_loss as Keras's JAX backend computes it (optax's forward algorithm in log space,
// log(0) taken as -1e5): `target` (batch, max_label_length) integer labels, `output` (batch,
// max_time, num_classes) logits (log_softmax is applied here), `target_length` / `output_length`
// (batch,) the valid lengths; class `mask_index` is the blank. One loss per sequence, (batch,).
Tensor ctc_loss(const Tensor& target, const Tensor& output, const Tensor& target_length,
                const Tensor& output_length, int mask_index = 0);

// Keras's loss function: y_true (batch, max_label_length) labels padded with 0, which is also
// the blank class; y_pred (batch, time, num_classes) logits, every time step valid.
Tensor ctc(const Tensor& y_true, const Tensor& y_pred);

struct CTCOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "ctc";
};

class CTC : public LossFunctionWrapper {
 public:
  explicit CTC(CTCOptions options = {});
  std::string class_name() const override { return "CTC"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
