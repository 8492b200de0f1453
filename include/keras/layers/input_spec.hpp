#pragma once
// `InputSpec`: what a layer accepts (rank, fixed axis sizes), checked on every call so a wrong
// shape is a clear error naming the layer, as in Keras, rather than a failure deep in an op.
#include <map>
#include <optional>
#include <string>

#include "keras/core/shape.hpp"

namespace keras {

struct InputSpec {
  std::optional<int> ndim{};
  std::optional<int> min_ndim{};
  std::optional<int> max_ndim{};
  std::map<int, std::int64_t> axes{};  // axis (may be negative) -> required size

  // Throws ValueError worded as Keras's "Input 0 of layer "dense" is incompatible with the
  // layer: ..." when `shape` (kNone dims allowed) does not satisfy the spec.
  void check(const Shape& shape, const std::string& layer_name, int input_index = 0) const;
};

}  // namespace keras
