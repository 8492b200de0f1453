#pragma once
// Internal ops for the recurrent layers' time loop (not part of the public API): a sequence cut
// into its time steps with one gradient buffer, and one step's gates fused into one kernel
// (backend::GateCell). The gate ops take float32 / float64 operands of one dtype.
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::ops::detail {

// The slices of x along `axis`, each without that axis (numpy.unstack). One autodiff node for
// all of them: their gradients are written into one buffer of x's shape (zeros where a slice
// got none), instead of each slice's gradient being padded to x's size and summed.
std::vector<Tensor> unstack(const Tensor& x, int axis);

// One LSTM step after the recurrent GEMM (GateCell::lstm): x, r (batch, 4 units) the input
// projection and the recurrent product, c_prev (batch, units). Returns {h, c}.
std::vector<Tensor> lstm_gates(const Tensor& x, const Tensor& r, const Tensor& c_prev);

// The LSTM recurrence over every step in one op (backend::SequenceArgs): x (steps, batch,
// 4 units) the time-major input projections, w (units, 4 units) the recurrent kernel, h0, c0
// (batch, units) the initial states. Returns {h (steps, batch, units) every step's output,
// h_last, c_last (batch, units)}: what lstm_gates after h_prev @ w at each step returns, as
// one autodiff node (no tensor per step).
std::vector<Tensor> lstm_sequence(const Tensor& x, const Tensor& w, const Tensor& h0,
                                  const Tensor& c0);

// The same at inference, from the inputs: x (steps, batch, features) time-major, kernel
// (features, 4 units), w (units, 4 units), bias (4 units; null: none), h0, c0 (batch, units);
// returns {h, h_last, c_last} as lstm_sequence of x @ kernel + bias, in one backend kernel
// (lstm_inference). Empty when a tape records a gradient for an operand.
std::vector<Tensor> lstm_inference(const Tensor& x, const Tensor& kernel, const Tensor& w,
                                   const Tensor* bias, const Tensor& h0, const Tensor& c0);

// One GRU step with reset_after (GateCell::gru): x, r (batch, 3 units), r holding the
// recurrent bias; h_prev (batch, units). Returns h.
Tensor gru_gates(const Tensor& x, const Tensor& r, const Tensor& h_prev);

// One GRU step without reset_after, around the GEMM of the reset state (GateCell::gru_reset,
// gru_candidate). gru_reset: x (batch, 3 units), r (batch, 2 units) the recurrent product of
// the update and reset gates, h (batch, units) the (dropped) state; returns {gates, a h}, the
// gates (batch, 2 units) being what gru_candidate takes. gru_candidate: m (batch, units) =
// (a h) @ the candidate's recurrent kernel; returns h.
std::vector<Tensor> gru_reset(const Tensor& x, const Tensor& r, const Tensor& h);
Tensor gru_candidate(const Tensor& x, const Tensor& m, const Tensor& gates, const Tensor& h_prev);

// Whether the gate ops take operands of `dtype`.
bool gates_support(DType dtype);

}  // namespace keras::ops::detail
