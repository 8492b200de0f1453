#include "src/layers/reshaping/spatial_repeat.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers::detail {

Tensor repeat_spatial(const Tensor& x, const std::vector<std::int64_t>& factors, int first_axis) {
  Tensor y = x;
  for (std::size_t i = 0; i < factors.size(); ++i)
    y = ops::repeat(y, factors[i], first_axis + static_cast<int>(i));
  return y;
}

Shape repeated_shape(const Shape& input_shape, const std::vector<std::int64_t>& factors,
                     int first_axis) {
  Shape out = input_shape;
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const int axis = first_axis + static_cast<int>(i);
    if (out[axis] >= 0) out[axis] *= factors[i];
  }
  return out;
}

}  // namespace keras::layers::detail
