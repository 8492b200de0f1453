#include "keras/core/ops/creation.hpp"

#include <cmath>

#include "keras/core/config.hpp"
#include "src/core/ops/detail.hpp"

namespace keras::ops {
using detail::be;

namespace {
DType or_floatx(std::optional<DType> dtype) {
  return dtype ? *dtype : dtype_from_name(config::floatx());
}
}  // namespace

Tensor full(const Shape& shape, double fill_value, std::optional<DType> dtype) {
  const DType dt = or_floatx(dtype);
  Tensor t = empty(shape, dt);
  be().fill(*t.buffer(), dt, t.size(), fill_value);
  return t;
}
Tensor zeros(const Shape& shape, std::optional<DType> dtype) { return full(shape, 0.0, dtype); }
Tensor ones(const Shape& shape, std::optional<DType> dtype) { return full(shape, 1.0, dtype); }
Tensor zeros_like(const Tensor& x) { return zeros(x.shape(), x.dtype()); }
Tensor ones_like(const Tensor& x) { return ones(x.shape(), x.dtype()); }
Tensor full_like(const Tensor& x, double v) { return full(x.shape(), v, x.dtype()); }

Tensor arange(ArangeValue start_arg, ArangeValue stop_arg, ArangeValue step_arg,
              std::optional<DType> dtype) {
  const double start = start_arg.value, stop = stop_arg.value, step = step_arg.value;
  // Keras resolves the dtype of Python ints to int32 and of Python floats to floatx.
  if (!dtype)
    dtype = start_arg.is_float || stop_arg.is_float || step_arg.is_float
                ? dtype_from_name(config::floatx())
                : DType::int32;
  detail::check(step != 0, "arange: step must not be zero");
  auto n = static_cast<std::int64_t>(std::max(0.0, std::ceil((stop - start) / step)));
  std::vector<double> values(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    values[static_cast<std::size_t>(i)] = start + step * static_cast<double>(i);
  return cast(tensor(values, Shape{n}), *dtype);
}
Tensor arange(ArangeValue stop) { return arange(0, stop, 1); }

Tensor eye(std::int64_t n, std::int64_t m, std::int64_t k, std::optional<DType> dtype) {
  if (m < 0) m = n;
  std::vector<double> values(static_cast<std::size_t>(n * m), 0.0);
  for (std::int64_t i = 0; i < n; ++i)
    if (i + k >= 0 && i + k < m) values[static_cast<std::size_t>(i * m + i + k)] = 1.0;
  return cast(tensor(values, Shape{n, m}), or_floatx(dtype));
}

Tensor cast(const Tensor& x, DType dtype) {
  if (x.dtype() == dtype) return x;
  Tensor out = empty(x.shape(), dtype);
  be().cast(*x.buffer(), x.dtype(), *out.buffer(), dtype, x.size());
  DType from = x.dtype();
  if (!is_floating(from) || !is_floating(dtype)) return out;  // no gradient through ints
  return autodiff::record(out, {x},
                          [from](const Tensor& g) { return std::vector<Tensor>{cast(g, from)}; });
}
Tensor cast(const Tensor& x, const std::string& dtype) { return cast(x, dtype_from_name(dtype)); }

Tensor stop_gradient(const Tensor& x) {
  if (!x.is_tracked() && !x.impl().weak) return x;
  auto impl = std::make_shared<TensorImpl>(x.impl());
  impl->node = nullptr;
  impl->weak = false;
  impl->keras_mask = nullptr;
  return Tensor(std::move(impl));
}

Tensor copy(const Tensor& x) {
  Tensor out = empty(x.shape(), x.dtype());
  auto strides = x.shape().strides();
  be().copy_strided(*x.buffer(), 0, strides, *out.buffer(), 0, strides, x.shape(), x.dtype());
  return autodiff::record(out, {x}, [](const Tensor& g) { return std::vector<Tensor>{g}; });
}

}  // namespace keras::ops
