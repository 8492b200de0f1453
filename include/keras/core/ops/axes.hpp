#pragma once
#include <initializer_list>
#include <vector>

namespace keras::ops {

// Keras's `axis` argument: None (all axes, the default), one int, or a list of ints.
class Axes {
 public:
  Axes() = default;
  Axes(int axis) : axes_{axis}, all_(false) {}
  Axes(std::initializer_list<int> axes) : axes_(axes), all_(false) {}
  Axes(std::vector<int> axes) : axes_(std::move(axes)), all_(false) {}
  bool is_none() const { return all_; }
  const std::vector<int>& list() const { return axes_; }
  // Sorted, non-negative, unique axes for a tensor of `rank` (all axes when None).
  std::vector<int> normalized(int rank) const;

 private:
  std::vector<int> axes_;
  bool all_ = true;
};

}  // namespace keras::ops
