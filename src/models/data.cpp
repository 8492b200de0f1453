#include "keras/models/data.hpp"

#include "keras/core/errors.hpp"

namespace keras {

Data::operator Tensor() const {
  if (values_.size() != 1)
    throw ValueError("Expected a single tensor, but the data holds " +
                     std::to_string(values_.size()) + " tensors; index it by position or name");
  return values_[0];
}

void Data::check_row_major(const Shape& shape, const std::vector<std::int64_t>& strides) {
  std::int64_t expect = 1;
  for (int i = shape.rank() - 1; i >= 0; --i) {
    if (shape[i] > 1 && strides[static_cast<std::size_t>(i)] != expect)
      throw ValueError(
          "Only row-major contiguous arrays can be passed as data; received an array of shape " +
          shape.to_string() + " with other strides (copy it into a row-major xt::xarray first)");
    expect *= shape[i];
  }
}

}  // namespace keras
