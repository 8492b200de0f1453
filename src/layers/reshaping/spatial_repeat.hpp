#pragma once
// What UpSampling2D and UpSampling3D share (internal): nearest-neighbour enlargement (each
// element repeated factors[i] times along spatial dim i) and the output shape.
#include <cstdint>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::layers::detail {

// `first_axis`: the first spatial axis (1 channels_last, 2 channels_first).
Tensor repeat_spatial(const Tensor& x, const std::vector<std::int64_t>& factors, int first_axis);
Shape repeated_shape(const Shape& input_shape, const std::vector<std::int64_t>& factors,
                     int first_axis);

}  // namespace keras::layers::detail
