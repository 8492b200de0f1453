// Ops that lay copies of a tensor out in a bigger or reordered one: pad, tile, repeat, flip.
// Each is a single `copy_strided` (reflect/symmetric pads are index maps through `take`, so
// their gradients accumulate every mirrored copy back onto its source element).
#include "src/core/ops/detail.hpp"

namespace keras::ops {
using detail::be;

namespace {

// Source index of padded position i (relative to the first original element) for an axis
// of length n. NumPy extends by repeated mirroring, which is this periodic extension.
std::int64_t mirror(std::int64_t i, std::int64_t n, bool symmetric) {
  if (!symmetric && n == 1) return 0;  // NumPy falls back to edge mode for a singleton axis
  const std::int64_t period = symmetric ? 2 * n : 2 * (n - 1);
  i %= period;
  if (i < 0) i += period;
  if (i < n) return i;
  return symmetric ? period - 1 - i : period - i;
}

}  // namespace

Tensor pad(const Tensor& x, const std::vector<std::pair<std::int64_t, std::int64_t>>& pad_width,
           const std::string& mode, double constant_values) {
  const int rank = x.rank();
  const auto given = pad_width.size();
  if (given != 1 && given != static_cast<std::size_t>(rank))
    throw ValueError("pad: pad_width needs one (before, after) pair per axis (" +
                     std::to_string(rank) + " for an input of shape " + x.shape().to_string() +
                     ") or a single pair for all axes, received " + std::to_string(given) +
                     " pairs");
  if (mode != "constant" && mode != "reflect" && mode != "symmetric")
    throw ValueError("pad: mode must be one of 'constant', 'reflect', 'symmetric', received '" +
                     mode + "'");
  std::vector<std::pair<std::int64_t, std::int64_t>> widths(static_cast<std::size_t>(rank));
  bool any = false;
  for (int d = 0; d < rank; ++d) {
    const auto& w = pad_width[given == 1 ? 0 : static_cast<std::size_t>(d)];
    if (w.first < 0 || w.second < 0)
      throw ValueError("pad: pad widths must be non-negative, received (" +
                       std::to_string(w.first) + ", " + std::to_string(w.second) + ") for axis " +
                       std::to_string(d));
    widths[static_cast<std::size_t>(d)] = w;
    any = any || w.first > 0 || w.second > 0;
  }
  if (!any) return x;

  if (mode != "constant") {
    const bool symmetric = mode == "symmetric";
    Tensor y = x;
    for (int d = 0; d < rank; ++d) {
      const auto [before, after] = widths[static_cast<std::size_t>(d)];
      const std::int64_t n = x.shape()[d];
      if (before == 0 && after == 0) continue;
      if (n == 0)
        throw ValueError("pad: can't extend the empty axis " + std::to_string(d) + " of shape " +
                         x.shape().to_string() + " using mode '" + mode + "'");
      std::vector<std::int64_t> idx(static_cast<std::size_t>(before + n + after));
      for (std::int64_t i = 0; i < before + n + after; ++i)
        idx[static_cast<std::size_t>(i)] = mirror(i - before, n, symmetric);
      y = take(y, tensor(idx, Shape{before + n + after}), d);
    }
    return y;
  }

  std::vector<std::int64_t> dims = x.shape().dims(), start(static_cast<std::size_t>(rank));
  for (int d = 0; d < rank; ++d) {
    const auto k = static_cast<std::size_t>(d);
    dims[k] += widths[k].first + widths[k].second;
    start[k] = widths[k].first;
  }
  const Shape out_shape(dims);
  Tensor out = full(out_shape, constant_values, x.dtype());
  const auto out_strides = out_shape.strides();
  std::int64_t offset = 0;
  for (int d = 0; d < rank; ++d)
    offset += start[static_cast<std::size_t>(d)] * out_strides[static_cast<std::size_t>(d)];
  if (x.size() > 0)
    be().copy_strided(*x.buffer(), 0, x.shape().strides(), *out.buffer(), offset, out_strides,
                      x.shape(), x.dtype());
  if (!is_floating(x.dtype())) return out;
  auto in_dims = x.shape().dims();
  return autodiff::record(out, {x}, [start, in_dims](const Tensor& g) {
    return std::vector<Tensor>{slice(g, start, in_dims)};
  });
}

Tensor tile(const Tensor& x, const std::vector<std::int64_t>& repeats) {
  for (auto r : repeats)
    if (r < 0)
      throw ValueError("tile: repeats must be non-negative, received " + detail::int_list(repeats) +
                       " for an input of shape " + x.shape().to_string());
  // NumPy pads the shorter of x.shape and repeats with leading 1s.
  const std::size_t rank = std::max(repeats.size(), static_cast<std::size_t>(x.rank()));
  std::vector<std::int64_t> xd(rank - static_cast<std::size_t>(x.rank()), 1);
  xd.insert(xd.end(), x.shape().dims().begin(), x.shape().dims().end());
  std::vector<std::int64_t> rd(rank - repeats.size(), 1);
  rd.insert(rd.end(), repeats.begin(), repeats.end());
  const auto x_strides = Shape(xd).strides();
  // The output viewed as (r0, d0, r1, d1, ...): the copy index r_i reads with stride 0.
  std::vector<std::int64_t> view, src_strides, out_dims;
  std::vector<int> copy_axes;
  for (std::size_t i = 0; i < rank; ++i) {
    copy_axes.push_back(static_cast<int>(view.size()));
    view.insert(view.end(), {rd[i], xd[i]});
    src_strides.insert(src_strides.end(), {0, x_strides[i]});
    out_dims.push_back(rd[i] * xd[i]);
  }
  const Shape view_shape(view);
  Tensor out = empty(Shape(out_dims), x.dtype());
  if (out.size() > 0)
    be().copy_strided(*x.buffer(), 0, src_strides, *out.buffer(), 0, view_shape.strides(),
                      view_shape, x.dtype());
  if (!is_floating(x.dtype())) return out;
  Shape in = x.shape();
  return autodiff::record(out, {x}, [in, view_shape, copy_axes](const Tensor& g) {
    return std::vector<Tensor>{reshape(sum(reshape(g, view_shape), Axes(copy_axes)), in)};
  });
}

Tensor repeat(const Tensor& x, std::int64_t repeats, std::optional<int> axis) {
  if (repeats < 0)
    throw ValueError("repeat: repeats must be non-negative, received " + std::to_string(repeats));
  if (!axis) return repeat(reshape(x, Shape{x.size()}), repeats, 0);
  const int rank = x.rank();
  if (rank == 0 || *axis < -rank || *axis >= rank)
    throw ValueError("repeat: axis " + std::to_string(*axis) +
                     " is out of bounds for a tensor of rank " + std::to_string(rank) + " (shape " +
                     x.shape().to_string() + ")");
  const int a = *axis < 0 ? *axis + rank : *axis;
  // The output viewed as x's shape with a copy axis of size `repeats` after `a`.
  std::vector<std::int64_t> view = x.shape().dims(), src_strides = x.shape().strides();
  view.insert(view.begin() + a + 1, repeats);
  src_strides.insert(src_strides.begin() + a + 1, 0);
  const Shape view_shape(view);
  Shape out_shape = x.shape();
  out_shape[a] *= repeats;
  Tensor out = empty(out_shape, x.dtype());
  if (out.size() > 0)
    be().copy_strided(*x.buffer(), 0, src_strides, *out.buffer(), 0, view_shape.strides(),
                      view_shape, x.dtype());
  if (!is_floating(x.dtype())) return out;
  return autodiff::record(out, {x}, [view_shape, a](const Tensor& g) {
    return std::vector<Tensor>{sum(reshape(g, view_shape), a + 1)};
  });
}

Tensor flip(const Tensor& x, Axes axis) {
  // normalize_axis accepts axis 0 on a scalar (for reductions); NumPy's flip does not.
  if (x.rank() == 0 && !axis.is_none() && !axis.list().empty())
    throw ValueError("flip: axis " + std::to_string(axis.list()[0]) +
                     " is out of bounds for a tensor of rank 0 (shape ())");
  std::vector<int> axes;
  try {
    axes = axis.normalized(x.rank());
  } catch (const ValueError& e) {
    throw ValueError(std::string("flip: ") + e.what() + " (shape " + x.shape().to_string() + ")");
  }
  if (axes.empty() || x.size() == 0) return x;
  // A flipped axis reads backwards from its last element.
  auto strides = x.shape().strides();
  std::int64_t offset = 0;
  for (int a : axes) {
    const auto k = static_cast<std::size_t>(a);
    offset += (x.shape()[a] - 1) * strides[k];
    strides[k] = -strides[k];
  }
  Tensor out = empty(x.shape(), x.dtype());
  be().copy_strided(*x.buffer(), offset, strides, *out.buffer(), 0, x.shape().strides(), x.shape(),
                    x.dtype());
  if (!is_floating(x.dtype())) return out;
  return autodiff::record(
      out, {x}, [axes](const Tensor& g) { return std::vector<Tensor>{flip(g, Axes(axes))}; });
}

}  // namespace keras::ops
