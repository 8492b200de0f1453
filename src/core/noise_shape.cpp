#include "src/core/noise_shape.hpp"

namespace keras::detail {

std::optional<Shape> resolve_noise_shape(const Shape& x, const std::optional<Shape>& noise_shape) {
  Shape mask = noise_shape ? *noise_shape : x;
  const int offset = x.rank() - mask.rank();
  if (offset < 0) return std::nullopt;
  for (int i = 0; i < mask.rank(); ++i) {
    if (mask[i] == -1) mask[i] = x[i + offset];
    if (mask[i] != 1 && mask[i] != x[i + offset]) return std::nullopt;
  }
  return mask;
}

}  // namespace keras::detail
