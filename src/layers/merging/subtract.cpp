#include "keras/layers/merging/subtract.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers {

void SubtractImpl::build_list(const std::vector<Shape>& input_shapes) {
  MergeImpl::build_list(input_shapes);
  if (input_shapes.size() != 2)
    throw_shapes("A `Subtract` layer should be called on exactly 2 inputs", input_shapes);
}

Tensor SubtractImpl::merge_function(const std::vector<Tensor>& inputs) {
  if (inputs.size() != 2)
    throw ValueError("Layer \"" + name() +
                     "\": A `Subtract` layer should be called on exactly 2 inputs. Received " +
                     std::to_string(inputs.size()) + " inputs");
  return ops::subtract(inputs[0], inputs[1]);
}

}  // namespace keras::layers
