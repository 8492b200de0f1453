#include "keras/models/data.hpp"

#include "keras/core/errors.hpp"

namespace keras {

Data::Data(const std::map<std::string, Tensor>& dict) {
  for (const auto& [k, v] : dict) {
    keys_.push_back(k);
    values_.push_back(v);
  }
}

const Tensor& Data::operator[](std::size_t i) const {
  if (i >= values_.size())
    throw ValueError("Index " + std::to_string(i) + " is out of range for data with " +
                     std::to_string(values_.size()) + " entries");
  return values_[i];
}

const Tensor& Data::operator[](const std::string& key) const {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return values_[i];
  std::string known;
  for (const auto& k : keys_) known += (known.empty() ? "" : ", ") + k;
  throw ValueError("No entry named '" + key + "'; the entries are: [" + known + "]");
}

Data::operator Tensor() const {
  if (values_.size() != 1)
    throw ValueError("Expected a single tensor, but the data holds " + std::to_string(values_.size()) +
                     " tensors; index it by position or name");
  return values_[0];
}

void Data::check_row_major(const Shape& shape, const std::vector<std::int64_t>& strides) {
  std::int64_t expect = 1;
  for (int i = shape.rank() - 1; i >= 0; --i) {
    if (shape[i] > 1 && strides[static_cast<std::size_t>(i)] != expect)
      throw ValueError("Only row-major contiguous arrays can be passed as data; received an array of shape " +
                       shape.to_string() + " with other strides (copy it into a row-major xt::xarray first)");
    expect *= shape[i];
  }
}

}  // namespace keras
