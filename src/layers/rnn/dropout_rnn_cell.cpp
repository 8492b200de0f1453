#include "keras/layers/rnn/dropout_rnn_cell.hpp"

#include <algorithm>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

DropoutRNNCell::DropoutRNNCell(double dropout, double recurrent_dropout,
                               std::optional<std::int64_t> seed)
    : dropout_(std::clamp(dropout, 0.0, 1.0)),
      recurrent_dropout_(std::clamp(recurrent_dropout, 0.0, 1.0)),
      seed_(seed),
      generator_(detail::generator_seed(seed)) {}

void DropoutRNNCell::draw(const Tensor& step_input, const Tensor& state, bool training) {
  clear();
  if (!training) return;
  // A mask is Keras's dropout of ones: 0 or 1 / (1 - rate); drawn without the tape.
  NoGrad no_grad;
  if (dropout_ > 0.0 && dropout_ < 1.0)
    input_mask_ = random::dropout(ops::ones_like(step_input), dropout_, std::nullopt, generator_);
  if (recurrent_dropout_ > 0.0 && recurrent_dropout_ < 1.0)
    state_mask_ =
        random::dropout(ops::ones_like(state), recurrent_dropout_, std::nullopt, generator_);
}

void DropoutRNNCell::clear() {
  input_mask_ = Tensor();
  state_mask_ = Tensor();
}

Tensor DropoutRNNCell::drop_inputs(const Tensor& x) const {
  if (!input_mask_.defined()) return x;
  // (batch, features) against (batch, time, features): one mask for every step.
  return ops::multiply(x, x.rank() == 3 ? ops::expand_dims(input_mask_, 1) : input_mask_);
}

Tensor DropoutRNNCell::drop_state(const Tensor& h) const {
  return state_mask_.defined() ? ops::multiply(h, state_mask_) : h;
}

}  // namespace keras::layers
