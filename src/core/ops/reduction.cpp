#include "keras/core/ops/reduction.hpp"

#include <limits>
#include <numeric>

#include "src/core/ops/detail.hpp"

namespace keras::ops {
using backend::ReduceOp;
using detail::be;

namespace {

Shape reduced_shape(const Shape& in, const std::vector<int>& axes, bool keepdims) {
  if (keepdims) return detail::keepdims_shape(in, axes);
  std::vector<std::int64_t> dims;
  for (int i = 0; i < in.rank(); ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) dims.push_back(in[i]);
  return Shape(dims);
}

// Views x as (outer, reduced, inner) — moving the reduced axes last when they are not
// adjacent — and runs `kernel(input, outer, reduced, inner)`.
template <class F>
void with_reduction_view(const Tensor& x, const std::vector<int>& axes, F&& kernel) {
  bool contiguous = axes.empty() || axes.back() - axes.front() + 1 == static_cast<int>(axes.size());
  if (contiguous) {
    if (axes.empty()) return kernel(x, x.size(), std::int64_t{1}, std::int64_t{1});
    std::int64_t outer = 1, red = 1, inner = 1;
    for (int i = 0; i < x.rank(); ++i)
      (i < axes.front() ? outer : i <= axes.back() ? red : inner) *= x.shape()[i];
    kernel(x, outer, red, inner);
    return;
  }
  std::vector<int> perm;
  for (int i = 0; i < x.rank(); ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) perm.push_back(i);
  std::int64_t red = 1;
  for (int a : axes) {
    perm.push_back(a);
    red *= x.shape()[a];
  }
  Tensor t = transpose(stop_gradient(x), perm);
  std::int64_t outer = 1;  // from the kept dims: x.size() / red fails when red == 0
  for (int i = 0; i < x.rank(); ++i)
    if (std::find(axes.begin(), axes.end(), i) == axes.end()) outer *= x.shape()[i];
  kernel(t, outer, red, std::int64_t{1});
}

Tensor reduce_raw(ReduceOp op, const Tensor& x, const std::vector<int>& axes, bool keepdims,
                  DType dtype) {
  Tensor in = cast(stop_gradient(x), dtype);
  Tensor out = empty(reduced_shape(x.shape(), axes, keepdims), dtype);
  if (!axes.empty()) {
    std::int64_t red = 1;
    for (int a : axes) red *= x.shape()[a];
    if (red == 0 && (op == ReduceOp::max || op == ReduceOp::min))
      throw ValueError("Cannot compute max/min of an empty reduction (shape " +
                       x.shape().to_string() + ")");
  }
  with_reduction_view(in, axes,
                      [&](const Tensor& v, std::int64_t o, std::int64_t r, std::int64_t i) {
                        be().reduce(op, *v.buffer(), *out.buffer(), o, r, i, dtype);
                      });
  return out;
}

// Broadcasts a reduced gradient back to the input's shape.
Tensor expand_grad(const Tensor& g, const Shape& in, const std::vector<int>& axes) {
  return broadcast_to(reshape(g, detail::keepdims_shape(in, axes)), in);
}

DType sum_dtype(DType d) {
  // Keras sums bool and small ints as int32.
  return (d == DType::bool_ || d == DType::uint8) ? DType::int32 : d;
}
}  // namespace

Tensor sum(const Tensor& x, Axes axis, bool keepdims) {
  auto axes = axis.normalized(x.rank());
  Tensor y = reduce_raw(ReduceOp::sum, x, axes, keepdims, sum_dtype(x.dtype()));
  if (!is_floating(x.dtype())) return y;
  Shape in = x.shape();
  return autodiff::record(y, {x}, [in, axes](const Tensor& g) {
    return std::vector<Tensor>{expand_grad(g, in, axes)};
  });
}

Tensor mean(const Tensor& x, Axes axis, bool keepdims) {
  auto axes = axis.normalized(x.rank());
  std::int64_t count = 1;
  for (int a : axes) count *= x.shape()[a];
  Tensor xf = detail::to_float(x);
  return divide(sum(xf, Axes(axes), keepdims), static_cast<double>(count));
}

namespace {
Tensor chooser(ReduceOp op, const Tensor& x, Axes axis, bool keepdims) {
  auto axes = axis.normalized(x.rank());
  Tensor y = reduce_raw(op, x, axes, keepdims, x.dtype());
  if (!is_floating(x.dtype())) return y;
  Shape in = x.shape();
  return autodiff::record(y, {x}, [in, axes, x, y](const Tensor& g) {
    // Split evenly between tied extremes, as JAX does.
    Tensor hit = cast(equal(x, expand_grad(y, in, axes)), g.dtype());
    Tensor count = sum(hit, Axes(axes), true);
    return std::vector<Tensor>{multiply(divide(hit, count), expand_grad(g, in, axes))};
  });
}
}  // namespace

Tensor max(const Tensor& x, Axes axis, bool keepdims) {
  return chooser(ReduceOp::max, x, axis, keepdims);
}
Tensor min(const Tensor& x, Axes axis, bool keepdims) {
  return chooser(ReduceOp::min, x, axis, keepdims);
}

Tensor prod(const Tensor& x, Axes axis, bool keepdims) {
  auto axes = axis.normalized(x.rank());
  Tensor y = reduce_raw(ReduceOp::prod, x, axes, keepdims, sum_dtype(x.dtype()));
  if (!is_floating(x.dtype())) return y;
  Shape in = x.shape();
  return autodiff::record(y, {x}, [in, axes, x, y](const Tensor& g) {
    // Product of the other elements: prod / x where x != 0, else the product without it.
    Tensor is_zero = equal(x, 0.0);
    Tensor safe = where(is_zero, ones_like(x), x);
    Tensor prod_nonzero = prod(safe, Axes(axes), true);
    Tensor zeros_count = sum(cast(is_zero, x.dtype()), Axes(axes), true);
    Tensor others =
        where(is_zero, where(equal(zeros_count, 1.0), prod_nonzero, zeros_like(prod_nonzero)),
              where(equal(zeros_count, 0.0), divide(prod_nonzero, safe), zeros_like(safe)));
    return std::vector<Tensor>{multiply(others, expand_grad(g, in, axes))};
  });
}

Tensor var(const Tensor& x, Axes axis, bool keepdims) {
  Tensor xf = detail::to_float(x);
  Tensor centered = subtract(xf, mean(xf, axis, true));
  return mean(square(centered), axis, keepdims);
}

Tensor std(const Tensor& x, Axes axis, bool keepdims) { return sqrt(var(x, axis, keepdims)); }

Tensor logsumexp(const Tensor& x, Axes axis, bool keepdims) {
  Tensor xf = detail::to_float(x);
  Tensor m = stop_gradient(max(xf, axis, true));
  // Keep infinities finite in the shift so all -inf rows give -inf, not NaN.
  m = where(isfinite(m), m, zeros_like(m));
  Tensor out = add(log(sum(exp(subtract(xf, m)), axis, true)), m);
  return keepdims ? out : reshape(out, reduced_shape(x.shape(), axis.normalized(x.rank()), false));
}

Tensor any(const Tensor& x, Axes axis, bool keepdims) {
  return reduce_raw(ReduceOp::any, x, axis.normalized(x.rank()), keepdims, DType::bool_);
}
Tensor all(const Tensor& x, Axes axis, bool keepdims) {
  return reduce_raw(ReduceOp::all, x, axis.normalized(x.rank()), keepdims, DType::bool_);
}

namespace {
Tensor arg_reduce(backend::ArgReduceOp op, const Tensor& x, std::optional<int> axis,
                  bool keepdims) {
  Tensor in = stop_gradient(x);
  if (!axis) {
    Tensor flat = reshape(in, Shape{in.size()});
    Tensor r = arg_reduce(op, flat, 0, false);
    return keepdims
               ? reshape(r, Shape(std::vector<std::int64_t>(static_cast<std::size_t>(x.rank()), 1)))
               : r;
  }
  int a = normalize_axis(*axis, x.rank());
  detail::check(x.shape()[a] > 0,
                "argmax/argmin of an empty axis (shape " + x.shape().to_string() + ")");
  Tensor out = empty(reduced_shape(x.shape(), {a}, keepdims), DType::int64);
  with_reduction_view(in, {a},
                      [&](const Tensor& v, std::int64_t o, std::int64_t r, std::int64_t i) {
                        be().arg_reduce(op, *v.buffer(), *out.buffer(), o, r, i, v.dtype());
                      });
  return cast(out, DType::int32);
}
}  // namespace

Tensor argmax(const Tensor& x, std::optional<int> axis, bool keepdims) {
  return arg_reduce(backend::ArgReduceOp::argmax, x, axis, keepdims);
}
Tensor argmin(const Tensor& x, std::optional<int> axis, bool keepdims) {
  return arg_reduce(backend::ArgReduceOp::argmin, x, axis, keepdims);
}

}  // namespace keras::ops
