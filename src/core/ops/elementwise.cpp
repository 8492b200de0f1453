#include "src/core/ops/elementwise.hpp"

namespace keras::ops::detail {

Tensor unary_op(backend::UnaryOp op, const Tensor& x, bool float_only, const UnaryGrad& grad,
                double alpha) {
  Tensor in = float_only ? to_float(x) : x;
  // A lone C++ double (held as a weak float64) computes in floatx, as keras.ops.exp(2.0) does.
  if (in.impl().weak && is_floating(in.dtype())) in = cast(in, floatx());
  Tensor y = unary_kernel(op, in, alpha);
  if (!grad || !is_floating(in.dtype())) return y;
  return autodiff::record(
      y, {in}, [grad, in, y](const Tensor& g) { return std::vector<Tensor>{grad(g, in, y)}; });
}

namespace {

// Whether `a`, which the caller gives up, can hold the result of an elementwise op with `b`:
// nothing else refers to its tensor or its storage (no copy, view or variable), it already has
// the result's shape and dtype on the current backend, and no gradient will be recorded (a
// backward pass may need the value it held).
bool can_take_result(const Tensor& a, const Tensor& b, const Shape& shape, DType dtype) {
  if (a.impl_ptr().use_count() != 1 || a.buffer().use_count() != 1) return false;
  // A layer's output carries its mask in the impl: the op's result must not inherit it.
  if (a.impl().keras_mask) return false;
  const TensorImpl& impl = a.impl();
  return !impl.weak && impl.dtype == dtype && impl.shape == shape &&
         impl.backend == &backend::current() && !a.is_tracked() && !b.is_tracked() &&
         b.buffer() != a.buffer();  // add(std::move(x), x)
}

Tensor binary_impl(backend::BinaryOp op, const Tensor& a_in, const Tensor& b_in, DType compute,
                   const BinaryGrad& grad, bool a_given_up) {
  const bool comparison = backend::is_comparison(op);
  DType out_dtype = comparison ? DType::bool_ : compute;
  if (a_given_up && a_in.defined() && b_in.defined()) {
    Shape out_shape = broadcast_shapes(a_in.shape(), b_in.shape());
    if (can_take_result(a_in, b_in, out_shape, out_dtype) && a_in.dtype() == compute) {
      Tensor b = cast(b_in, compute);
      // Every backend's elementwise kernel reads element k of `a` before writing element k.
      be().binary(op, strided(a_in, out_shape), strided(b, out_shape), *a_in.buffer(), out_shape,
                  compute);
      return a_in;
    }
  }
  Tensor a = cast(a_in, compute), b = cast(b_in, compute);
  Shape out_shape = broadcast_shapes(a.shape(), b.shape());
  Tensor y = empty(out_shape, out_dtype);
  be().binary(op, strided(a, out_shape), strided(b, out_shape), *y.buffer(), out_shape, compute);
  if (a.impl().weak && b.impl().weak) const_cast<TensorImpl&>(y.impl()).weak = true;
  if (!grad || !is_floating(out_dtype)) return y;
  return autodiff::record(y, {a, b}, [grad, a, b, y](const Tensor& g) {
    auto [ga, gb] = grad(g, a, b, y);
    return std::vector<Tensor>{ga.defined() ? unbroadcast(ga, a.shape()) : ga,
                               gb.defined() ? unbroadcast(gb, b.shape()) : gb};
  });
}

}  // namespace

Tensor binary_op(backend::BinaryOp op, const Tensor& a, const Tensor& b, DType compute,
                 const BinaryGrad& grad) {
  return binary_impl(op, a, b, compute, grad, false);
}

Tensor binary_op(backend::BinaryOp op, Tensor&& a, const Tensor& b, DType compute,
                 const BinaryGrad& grad) {
  return binary_impl(op, a, b, compute, grad, true);
}

}  // namespace keras::ops::detail
