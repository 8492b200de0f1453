#pragma once
// Gradient clipping as Keras's optimizers apply it (`clipnorm`, `global_clipnorm`, `clipvalue`).
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::optimizers {

// g * clipnorm / max(||g||, clipnorm): scales g down to L2 norm `clipnorm` when it is longer.
Tensor clip_by_norm(const Tensor& grad, double clipnorm);
// sqrt(sum of squared L2 norms) of the defined tensors.
double global_norm(const std::vector<Tensor>& grads);
// Scales every gradient by clip_norm / max(global_norm, clip_norm); a non-finite global norm
// gives NaN gradients, as in Keras.
std::vector<Tensor> clip_by_global_norm(const std::vector<Tensor>& grads, double clip_norm);

}  // namespace keras::optimizers
