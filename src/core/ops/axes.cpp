#include "keras/core/ops/axes.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/shape.hpp"

namespace keras::ops {

std::vector<int> Axes::normalized(int rank) const {
  std::vector<int> out;
  if (all_) {
    for (int i = 0; i < rank; ++i) out.push_back(i);
    return out;
  }
  for (int a : axes_) out.push_back(normalize_axis(a, rank));
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    throw ValueError("Repeated axis in `axis` argument for a tensor of rank " +
                     std::to_string(rank));
  return out;
}

}  // namespace keras::ops
