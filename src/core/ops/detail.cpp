#include "src/core/ops/detail.hpp"

#include "keras/core/config.hpp"

namespace keras::ops::detail {

std::vector<std::int64_t> broadcast_strides(const Shape& x, const Shape& out) {
  std::vector<std::int64_t> s(static_cast<std::size_t>(out.rank()), 0);
  const int offset = out.rank() - x.rank();
  std::int64_t stride = 1;  // x's row-major stride, innermost first
  for (int i = x.rank() - 1; i >= 0; --i) {
    const std::int64_t extent = x.dims()[static_cast<std::size_t>(i)];
    s[static_cast<std::size_t>(i + offset)] = extent == 1 ? 0 : stride;
    stride *= extent;
  }
  return s;
}

Tensor unbroadcast(const Tensor& grad, const Shape& shape) {
  if (grad.shape() == shape) return grad;
  int extra = grad.rank() - shape.rank();
  std::vector<int> axes;
  for (int i = 0; i < grad.rank(); ++i)
    if (i < extra || (shape[i - extra] == 1 && grad.shape()[i] != 1)) axes.push_back(i);
  Tensor g = axes.empty() ? grad : sum(grad, Axes(axes), true);
  return reshape(g, shape);
}

DType floatx() { return dtype_from_name(config::floatx()); }
DType float_dtype(DType d) { return is_floating(d) ? d : floatx(); }
Tensor to_float(const Tensor& x) { return cast(x, float_dtype(x.dtype())); }

DType result_type(const Tensor& a, const Tensor& b) {
  return promote_types(a.dtype(), a.impl().weak, b.dtype(), b.impl().weak);
}

Tensor unary_kernel(backend::UnaryOp op, const Tensor& x, double alpha) {
  Tensor out = empty(x.shape(), backend::is_predicate(op) ? DType::bool_ : x.dtype());
  be().unary(op, *x.buffer(), *out.buffer(), x.size(), x.dtype(), alpha);
  return out;
}

Shape keepdims_shape(const Shape& in, const std::vector<int>& axes) {
  Shape s = in;
  for (int a : axes) s[a] = 1;
  return s;
}

void check(bool cond, const std::string& message) {
  if (!cond) throw ValueError(message);
}

std::optional<std::int64_t> first_out_of_range(const Tensor& labels, std::int64_t limit) {
  NoGrad no_grad;
  Tensor flat = reshape(labels, Shape{-1});
  Tensor bad = logical_or(less(flat, 0), greater_equal(flat, static_cast<double>(limit)));
  if (flat.size() == 0 || !any(bad).item<bool>()) return std::nullopt;
  return take(flat, argmax(cast(bad, DType::int32))).item<std::int64_t>();
}

}  // namespace keras::ops::detail
