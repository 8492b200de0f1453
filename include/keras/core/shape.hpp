#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace keras {

// The dimensions of a tensor. Printed as Keras/NumPy print shapes: "(2, 3)".
class Shape {
 public:
  Shape() = default;
  Shape(std::initializer_list<std::int64_t> dims) : dims_(dims) {}
  explicit Shape(std::vector<std::int64_t> dims) : dims_(std::move(dims)) {}

  int rank() const { return static_cast<int>(dims_.size()); }
  std::int64_t size() const;  // number of elements (1 for a scalar)
  // Python-style index with a bounds check, as a Keras shape tuple: s[-1] is the last
  // dimension; an index outside [-rank, rank) throws keras::IndexError naming it and the shape.
  std::int64_t operator[](int i) const { return dims_[checked_index(i)]; }
  std::int64_t& operator[](int i) { return dims_[checked_index(i)]; }
  // The same for an axis argument: out of range is a ValueError ("axis 3 is out of bounds").
  std::int64_t dim(int axis) const;
  const std::vector<std::int64_t>& dims() const { return dims_; }
  std::vector<std::int64_t>& dims() { return dims_; }
  auto begin() const { return dims_.begin(); }
  auto end() const { return dims_.end(); }

  // Row-major element strides.
  std::vector<std::int64_t> strides() const;
  std::string to_string() const;

  bool operator==(const Shape& other) const = default;

 private:
  std::vector<std::int64_t> dims_;

  std::size_t checked_index(int i) const {
    const int r = rank();
    if (i < -r || i >= r) throw_index_error(i);
    return static_cast<std::size_t>(i < 0 ? i + r : i);
  }
  [[noreturn]] void throw_index_error(int i) const;
};

// Normalises a possibly negative axis against `rank`; throws ValueError naming `what`.
int normalize_axis(int axis, int rank, const char* what = "axis");

// NumPy broadcasting of two shapes; throws ValueError naming both shapes.
Shape broadcast_shapes(const Shape& a, const Shape& b);

}  // namespace keras
