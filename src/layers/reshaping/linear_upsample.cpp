#include "src/layers/reshaping/linear_upsample.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "keras/core/ops.hpp"

namespace keras::layers::detail {

Tensor linear_upsample(const Tensor& x, int axis, std::int64_t factor) {
  const std::int64_t n = x.shape()[axis], out = n * factor;
  std::vector<std::int32_t> lo(static_cast<std::size_t>(out)), hi(lo.size());
  std::vector<double> frac(lo.size());
  for (std::int64_t o = 0; o < out; ++o) {
    const double src = (static_cast<double>(o) + 0.5) / static_cast<double>(factor) - 0.5;
    const double below = std::floor(src);
    const auto i = static_cast<std::size_t>(o);
    lo[i] = static_cast<std::int32_t>(std::clamp<double>(below, 0, static_cast<double>(n - 1)));
    hi[i] = static_cast<std::int32_t>(std::clamp<double>(below + 1, 0, static_cast<double>(n - 1)));
    frac[i] = src - below;
  }
  // The weight of the upper neighbour, shaped to broadcast along `axis`.
  std::vector<std::int64_t> weight_dims(static_cast<std::size_t>(x.rank()), 1);
  weight_dims[static_cast<std::size_t>(axis)] = out;
  const Tensor w = ops::cast(tensor(frac, Shape(weight_dims)), x.dtype());
  const Tensor below = ops::take(x, tensor(lo, Shape{out}), axis);
  const Tensor above = ops::take(x, tensor(hi, Shape{out}), axis);
  return ops::add(below, ops::multiply(ops::subtract(above, below), w));
}

}  // namespace keras::layers::detail
