#pragma once
// Internal: Keras's `noise_shape` against an input shape, for keras::random::dropout and the
// dropout layers that draw their own mask (AlphaDropout).
#include <optional>

#include "keras/core/shape.hpp"

namespace keras::detail {

// The mask shape: noise_shape aligned to x from the right (NumPy broadcasting), its -1 entries
// (Keras's None) taking x's dimension; x's shape when there is none. std::nullopt when the
// mask would not broadcast to x (each caller words its own error).
std::optional<Shape> resolve_noise_shape(const Shape& x, const std::optional<Shape>& noise_shape);

}  // namespace keras::detail
