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

Tensor binary_op(backend::BinaryOp op, const Tensor& a_in, const Tensor& b_in, DType compute,
                 const BinaryGrad& grad) {
  Tensor a = cast(a_in, compute), b = cast(b_in, compute);
  Shape out_shape = broadcast_shapes(a.shape(), b.shape());
  DType out_dtype = backend::is_comparison(op) ? DType::bool_ : compute;
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

}  // namespace keras::ops::detail
