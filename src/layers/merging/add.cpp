#include "keras/layers/merging/add.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor AddImpl::merge_function(const std::vector<Tensor>& inputs) { return fold(inputs, ops::add); }

}  // namespace keras::layers
