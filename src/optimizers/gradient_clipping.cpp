#include "src/optimizers/gradient_clipping.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "keras/core/ops.hpp"

namespace keras::optimizers {

namespace {
double squared_norm(const Tensor& g) { return ops::sum(ops::square(g)).item<double>(); }
}  // namespace

Tensor clip_by_norm(const Tensor& grad, double clipnorm) {
  double norm = std::sqrt(squared_norm(grad));
  // Within the bound Keras's g * c / max(norm, c) is g itself; skip the two passes.
  if (!(norm > clipnorm)) return std::isnan(norm) ? ops::multiply(grad, norm) : grad;
  return ops::multiply(grad, clipnorm / norm);
}

double global_norm(const std::vector<Tensor>& grads) {
  double total = 0.0;
  for (const auto& g : grads)
    if (g.defined()) total += squared_norm(g);
  return std::sqrt(total);
}

std::vector<Tensor> clip_by_global_norm(const std::vector<Tensor>& grads, double clip_norm) {
  double norm = global_norm(grads);
  double scale = clip_norm * std::min(1.0 / norm, 1.0 / clip_norm);
  if (!std::isfinite(norm)) scale = std::numeric_limits<double>::quiet_NaN();
  std::vector<Tensor> out = grads;
  if (scale == 1.0) return out;
  for (auto& g : out)
    if (g.defined()) g = ops::multiply(g, scale);
  return out;
}

}  // namespace keras::optimizers
