#pragma once
// When the LSTM and GRU cells run a step's gates as one fused kernel (ops::detail::lstm_gates,
// gru_gates) instead of the generic ops: with Keras's default activations, the case Keras's
// own fast path (cuDNN) requires too, on float32 / float64. Any other activation (a name or a
// function of the user's) runs through the generic ops, so it trains the same way.
#include "keras/activations/activations.hpp"
#include "src/core/ops/recurrent.hpp"

namespace keras::layers::fused {

// Whether `spec` is exactly keras.activations' function (not merely carrying its name).
inline bool is_activation(const activations::Spec& spec, Tensor (*fn)(const Tensor&)) {
  const auto* target = spec.activation().fn.target<Tensor (*)(const Tensor&)>();
  return target && *target == fn;
}

// Also whether the operands are what the fused ops take: (batch, k * units) matrices of one
// batch size and one float dtype. A cell called on its own with other states (say one that
// broadcasts) runs the generic ops, which broadcast or raise as Keras's would.
template <class Options>
bool supported(const Options& o, std::int64_t units, const std::vector<Tensor>& operands) {
  const Tensor& x = operands.at(0);
  if (!ops::detail::gates_support(x.dtype())) return false;
  for (const Tensor& t : operands)
    if (t.rank() != 2 || t.dtype() != x.dtype() || t.shape()[0] != x.shape()[0] ||
        t.shape()[1] == 0 || t.shape()[1] % units != 0)
      return false;
  return is_activation(o.activation, static_cast<Tensor (*)(const Tensor&)>(&activations::tanh)) &&
         is_activation(o.recurrent_activation,
                       static_cast<Tensor (*)(const Tensor&)>(&activations::sigmoid));
}

}  // namespace keras::layers::fused
