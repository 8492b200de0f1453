#include "keras/layers/merging/minimum.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor MinimumImpl::merge_function(const std::vector<Tensor>& inputs) {
  return fold(inputs, ops::minimum);
}

}  // namespace keras::layers
