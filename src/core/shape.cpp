#include "keras/core/shape.hpp"

#include "keras/core/errors.hpp"

namespace keras {

std::int64_t Shape::size() const {
  std::int64_t n = 1;
  // Checked: a shape read from a file or a config may declare any dims, and an overflowing
  // count would be undefined behaviour and then a wrong allocation size.
  for (auto d : dims_)
    if (__builtin_mul_overflow(n, d, &n))
      throw ValueError("Shape " + to_string() + " has more elements than fit in 64 bits");
  return n;
}

void Shape::throw_index_error(int i) const {
  throw IndexError("Shape index " + std::to_string(i) + " is out of range for shape " +
                   to_string() + " of rank " + std::to_string(rank()) + " (valid: " +
                   std::to_string(-rank()) + " to " + std::to_string(rank() - 1) + ")");
}

std::int64_t Shape::dim(int axis) const { return (*this)[normalize_axis(axis, rank())]; }

std::vector<std::int64_t> Shape::strides() const {
  std::vector<std::int64_t> s(dims_.size());
  std::int64_t acc = 1;
  for (int i = rank() - 1; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = acc;
    acc *= dims_[static_cast<std::size_t>(i)];
  }
  return s;
}

std::string Shape::to_string() const {
  std::string s = "(";
  for (std::size_t i = 0; i < dims_.size(); ++i) {
    if (i) s += ", ";
    s += dims_[i] < 0 ? "None" : std::to_string(dims_[i]);
  }
  if (dims_.size() == 1) s += ",";
  return s + ")";
}

int normalize_axis(int axis, int rank, const char* what) {
  if (axis < -rank || axis >= rank || (rank == 0 && axis != 0 && axis != -1))
    throw ValueError(std::string(what) + " " + std::to_string(axis) +
                     " is out of bounds for a tensor of rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

Shape broadcast_shapes(const Shape& a, const Shape& b) {
  int r = std::max(a.rank(), b.rank());
  std::vector<std::int64_t> out(static_cast<std::size_t>(r));
  for (int i = 0; i < r; ++i) {
    int ia = a.rank() - r + i, ib = b.rank() - r + i;
    std::int64_t da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
    if (da != db && da != 1 && db != 1)
      throw ValueError("Cannot broadcast shapes " + a.to_string() + " and " + b.to_string() +
                       ": dimension " + std::to_string(i) + " is " + std::to_string(da) + " vs " +
                       std::to_string(db));
    out[static_cast<std::size_t>(i)] = da == 1 ? db : da;
  }
  return Shape(std::move(out));
}

}  // namespace keras
