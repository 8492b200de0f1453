// keras.ops max_pool and average_pool on the backend's channels-last pooling kernels, with the
// shapes and padding of Keras 3's JAX backend (lax.reduce_window with "VALID"/"SAME").
#include <algorithm>
#include <array>
#include <string>

#include "src/core/ops/detail.hpp"

namespace keras::ops {
using backend::PoolGeometry;
using backend::PoolOp;
using detail::be;

namespace {

using Dims3 = std::array<std::int64_t, 3>;

// One value per spatial dim, or a single value for all of them (as Keras accepts).
Dims3 spatial_arg(const std::string& op, const char* name, const std::vector<std::int64_t>& v,
                  int nd) {
  if (v.size() != 1 && static_cast<int>(v.size()) != nd)
    throw ValueError(op + ": " + name + " must have 1 or " + std::to_string(nd) + " values for " +
                     std::to_string(nd) + "-D inputs, received " + Shape(v).to_string());
  Dims3 out{1, 1, 1};
  for (int i = 0; i < nd; ++i) {
    out[static_cast<std::size_t>(i)] = v.size() == 1 ? v[0] : v[static_cast<std::size_t>(i)];
    if (out[static_cast<std::size_t>(i)] < 1)
      throw ValueError(op + ": " + name + " must be positive, received " + Shape(v).to_string());
  }
  return out;
}

// The kernels are channels-last only; channels_first moves the channel axis last and back.
Tensor move_axis(const Tensor& x, bool to_last) {
  std::vector<int> perm{0};
  if (!to_last) perm.push_back(x.rank() - 1);
  for (int i = to_last ? 2 : 1; i < (to_last ? x.rank() : x.rank() - 1); ++i) perm.push_back(i);
  if (to_last) perm.push_back(1);
  return transpose(x, perm);
}

Tensor pool_kernel(PoolOp op, const PoolGeometry& g, const Tensor& x) {
  std::vector<std::int64_t> dims{g.batch};
  for (int i = 0; i < g.nd; ++i) dims.push_back(g.out[static_cast<std::size_t>(i)]);
  dims.push_back(g.channels);
  Tensor y = empty(Shape(dims), x.dtype());
  be().pool_forward(op, g, *x.buffer(), *y.buffer(), x.dtype());
  return autodiff::record(y, {x}, [op, g, x](const Tensor& grad) {
    // Max routes each gradient to the first maximal element of its window (as XLA's
    // select_and_scatter with `ge`); average spreads it over the in-bounds elements.
    Tensor dy = cast(grad, x.dtype());
    Tensor dx = empty(x.shape(), x.dtype());
    be().pool_backward(op, g, *x.buffer(), *dy.buffer(), *dx.buffer(), x.dtype());
    return std::vector<Tensor>{dx};
  });
}

Tensor pool(PoolOp kind, const std::string& op, const Tensor& inputs, const PoolOptions& o,
            DType compute) {
  const int nd = inputs.rank() - 2;
  if (nd < 1 || nd > 3)
    throw ValueError(op +
                     ": expected inputs of rank 3, 4 or 5 (batch, spatial..., channels), "
                     "received inputs of shape " +
                     inputs.shape().to_string());
  bool cf = false;
  if (o.data_format == "channels_first") cf = true;
  else if (o.data_format != "channels_last")
    throw ValueError(op +
                     ": data_format must be 'channels_last' or 'channels_first', "
                     "received '" +
                     o.data_format + "'");
  if (o.padding != "valid" && o.padding != "same")
    throw ValueError(op + ": padding must be 'valid' or 'same', received '" + o.padding + "'");
  Tensor x = cast(cf ? move_axis(inputs, true) : inputs, compute);

  PoolGeometry g;
  g.nd = nd;
  g.batch = x.shape()[0];
  g.channels = x.shape().dim(-1);
  g.window = spatial_arg(op, "pool_size", o.pool_size, nd);
  g.stride = o.strides ? spatial_arg(op, "strides", *o.strides, nd) : g.window;
  for (int d = 0; d < nd; ++d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int64_t in = x.shape()[d + 1], w = g.window[i], s = g.stride[i];
    g.in[i] = in;
    if (o.padding == "same") {
      // TF/JAX SAME: out = ceil(in / s); the odd padding element goes after.
      g.out[i] = (in + s - 1) / s;
      g.pad_before[i] = std::max<std::int64_t>((g.out[i] - 1) * s + w - in, 0) / 2;
    } else {
      // Keras-JAX would return an empty (or negative-size) output here; reject it instead.
      if (in < w)
        throw ValueError(op + ": pool_size " + std::to_string(w) + " along spatial dim " +
                         std::to_string(d) + " is larger than the input (" + std::to_string(in) +
                         ") with padding 'valid'; received inputs of "
                         "shape " +
                         inputs.shape().to_string() + " and pool_size " +
                         Shape(o.pool_size).to_string());
      g.out[i] = (in - w) / s + 1;
      g.pad_before[i] = 0;
    }
  }
  Tensor y = pool_kernel(kind, g, x);
  return cf ? move_axis(y, false) : y;
}

}  // namespace

Tensor max_pool(const Tensor& inputs, const PoolOptions& options) {
  // The kernels are float-only: integer inputs are pooled in float64 (exact for int32 and
  // smaller) and cast back, since a max of integers is an integer in Keras.
  const DType in = inputs.dtype();
  if (is_floating(in)) return pool(PoolOp::max, "max_pool", inputs, options, in);
  return cast(pool(PoolOp::max, "max_pool", inputs, options, DType::float64), in);
}

Tensor average_pool(const Tensor& inputs, const PoolOptions& options) {
  // Same-padded windows average only their in-bounds elements, as Keras's JAX backend does.
  return pool(PoolOp::average, "average_pool", inputs, options,
              detail::float_dtype(inputs.dtype()));
}

}  // namespace keras::ops
