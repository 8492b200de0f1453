#pragma once
// `SidePairs`: the `cropping` / `padding` argument of Cropping2D/3D and ZeroPadding2D/3D, in the
// three forms Keras accepts: one int for both sides of every spatial dim (`2`), one entry per
// spatial dim (`{1, 2}`: both sides of each), where an entry may itself be a (before, after)
// pair (`{{1, 0}, {2, 3}}`, or mixed: `{{1, 0}, 2}`). Layers check the count and the values when
// they are made.
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "keras/layers/int_tuple.hpp"

namespace keras {

class SidePairs {
 public:
  SidePairs(std::int64_t all) : all_(all) {}  // NOLINT: implicit, as Python's int
  SidePairs(std::initializer_list<IntTuple> per_dim) : per_dim_(per_dim) {}
  explicit SidePairs(std::vector<IntTuple> per_dim) : per_dim_(std::move(per_dim)) {}

  // Given as one int (then all() is it), else one entry per dim.
  bool is_single() const { return per_dim_.empty(); }
  std::int64_t all() const { return all_; }
  const std::vector<IntTuple>& per_dim() const { return per_dim_; }

 private:
  std::int64_t all_ = 0;
  std::vector<IntTuple> per_dim_;
};

}  // namespace keras
