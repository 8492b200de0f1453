#include "keras/layers/merging/maximum.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor MaximumImpl::merge_function(const std::vector<Tensor>& inputs) {
  return fold(inputs, ops::maximum);
}

}  // namespace keras::layers
