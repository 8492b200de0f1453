#include "keras/layers/merging/multiply.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor MultiplyImpl::merge_function(const std::vector<Tensor>& inputs) {
  return fold(inputs, ops::multiply);
}

}  // namespace keras::layers
