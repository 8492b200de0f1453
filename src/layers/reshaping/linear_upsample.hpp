#pragma once
// Linear interpolation along one axis by an integer factor (internal), what UpSampling2D's
// "bilinear" is along rows then cols: jax.image.resize's "linear" with half-pixel centres,
// output position o reading input coordinate (o + 0.5) / factor - 0.5, clamped to the edges
// (resize normalises its triangle weights over in-bounds pixels, which is the same when
// enlarging). Built from take and elementwise ops, so it differentiates like any other.
#include <cstdint>

#include "keras/core/tensor.hpp"

namespace keras::layers::detail {

Tensor linear_upsample(const Tensor& x, int axis, std::int64_t factor);

}  // namespace keras::layers::detail
