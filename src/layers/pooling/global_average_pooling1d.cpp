#include "keras/layers/pooling/global_average_pooling1d.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers {

Tensor GlobalAveragePooling1DImpl::call(const Tensor& inputs, bool training) {
  const Tensor mask = call_mask();
  if (!mask.defined()) return BaseGlobalPoolingImpl::call(inputs, training);
  const bool channels_last = data_format() == "channels_last";
  const int steps_axis = channels_last ? 1 : 2;
  const std::int64_t steps = inputs.rank() == 3 ? inputs.shape()[steps_axis] : -1;
  if (mask.rank() != 2 || mask.shape()[0] != inputs.shape()[0] || mask.shape()[1] != steps)
    throw ValueError("Layer \"" + name() +
                     "\" (GlobalAveragePooling1D): the mask must have shape (batch_size, steps) "
                     "for inputs of shape " +
                     inputs.shape().to_string() + "; received a mask of shape " +
                     mask.shape().to_string());
  // Keras's: the sum over the kept steps divided by their count.
  Tensor keep = ops::expand_dims(ops::cast(mask, DType::bool_), channels_last ? 2 : 1);
  Tensor kept = ops::where(keep, inputs, ops::zeros_like(inputs));
  Tensor count = ops::sum(ops::cast(keep, inputs.dtype()), {steps_axis}, keepdims());
  return ops::divide(ops::sum(kept, {steps_axis}, keepdims()), count);
}

}  // namespace keras::layers
