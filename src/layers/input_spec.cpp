#include "keras/layers/input_spec.hpp"

#include "keras/core/errors.hpp"
#include "keras/layers/keras_tensor.hpp"

namespace keras {

void InputSpec::check(const Shape& shape, const std::string& layer_name, int input_index) const {
  std::string prefix = "Input " + std::to_string(input_index) + " of layer \"" + layer_name +
                       "\" is incompatible with the layer: ";
  int rank = shape.rank();
  if (ndim && rank != *ndim)
    throw ValueError(prefix + "expected ndim=" + std::to_string(*ndim) + ", found ndim=" +
                     std::to_string(rank) + ". Full shape received: " + shape.to_string());
  if (min_ndim && rank < *min_ndim)
    throw ValueError(prefix + "expected min_ndim=" + std::to_string(*min_ndim) + ", found ndim=" +
                     std::to_string(rank) + ". Full shape received: " + shape.to_string());
  if (max_ndim && rank > *max_ndim)
    throw ValueError(prefix + "expected max_ndim=" + std::to_string(*max_ndim) + ", found ndim=" +
                     std::to_string(rank) + ". Full shape received: " + shape.to_string());
  for (const auto& [axis, size] : axes) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank)
      throw ValueError(prefix + "expected axis " + std::to_string(axis) +
                       " to exist, but received input with shape " + shape.to_string());
    if (shape[a] >= 0 && shape[a] != size)
      throw ValueError(prefix + "expected axis " + std::to_string(axis) +
                       " of input shape to have value " + std::to_string(size) +
                       ", but received input with shape " + shape.to_string());
  }
}

}  // namespace keras
