#pragma once
// `IntTuple`: what Keras's size arguments (kernel_size, strides, dilation_rate, ...) accept, an
// int or a tuple of ints: `3` stands for 3 along every spatial dim, `{3, 1}` gives one value per
// dim. Layers check the count and the values when they are made (Keras's standardize_tuple).
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace keras {

class IntTuple {
 public:
  IntTuple() = default;  // no value: Python's None where an argument allows it (output_padding)
  IntTuple(std::int64_t value) : values_{value}, single_(true) {}  // NOLINT: implicit, as an int
  IntTuple(std::initializer_list<std::int64_t> values) : values_(values) {}
  IntTuple(std::vector<std::int64_t> values) : values_(std::move(values)) {}

  const std::vector<std::int64_t>& values() const { return values_; }
  bool empty() const { return values_.empty(); }
  // Given as one int (Python's `3`), not as a tuple (Python's `(3,)`).
  bool is_single() const { return single_; }

 private:
  std::vector<std::int64_t> values_;
  bool single_ = false;
};

}  // namespace keras
