#include "keras/layers/merging/average.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor AverageImpl::merge_function(const std::vector<Tensor>& inputs) {
  Tensor out = fold(inputs, ops::add);
  return ops::divide(out, static_cast<double>(inputs.size()));
}

}  // namespace keras::layers
