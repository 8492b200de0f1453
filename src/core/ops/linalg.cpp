#include "keras/core/ops/linalg.hpp"

#include "src/core/ops/dense_fused.hpp"
#include "src/core/ops/detail.hpp"

namespace keras::ops {
using detail::be;

namespace {

Shape batch_dims(const Shape& s) {
  return Shape(std::vector<std::int64_t>(s.dims().begin(), s.dims().end() - 2));
}

// Batched product of rank>=2 operands with optional transposes, broadcasting batch dims.
// Gradients are recorded in terms of this same function, so no transposed copies are made.
Tensor matmul_t(const Tensor& a_in, const Tensor& b_in, bool ta, bool tb) {
  DType t = detail::result_type(a_in, b_in);
  if (t == DType::bool_) t = DType::int32;
  Tensor a = cast(a_in, t), b = cast(b_in, t);
  const Shape& as = a.shape();
  const Shape& bs = b.shape();
  std::int64_t m = ta ? as.dim(-1) : as.dim(-2), ka = ta ? as.dim(-2) : as.dim(-1);
  std::int64_t kb = tb ? bs.dim(-1) : bs.dim(-2), n = tb ? bs.dim(-2) : bs.dim(-1);
  if (ka != kb)
    throw ValueError("matmul: incompatible shapes " + as.to_string() + " and " + bs.to_string() +
                     ": contraction dimensions " + std::to_string(ka) + " and " +
                     std::to_string(kb) + " differ");
  Shape batch = broadcast_shapes(batch_dims(as), batch_dims(bs));
  auto operand = [&](const Tensor& x) -> std::pair<Tensor, std::int64_t> {
    const std::int64_t mat = x.shape().dim(-1) * x.shape().dim(-2);
    if (batch_dims(x.shape()).size() == 1) return {x, 0};
    if (batch_dims(x.shape()) == batch) return {x, mat};
    std::vector<std::int64_t> full = batch.dims();
    full.push_back(x.shape().dim(-2));
    full.push_back(x.shape().dim(-1));
    return {broadcast_to(stop_gradient(x), Shape(full)), mat};
  };
  auto [ab, a_stride] = operand(a);
  auto [bb, b_stride] = operand(b);
  std::vector<std::int64_t> out_dims = batch.dims();
  out_dims.push_back(m);
  out_dims.push_back(n);
  Tensor y = empty(Shape(out_dims), t);
  be().matmul({ab.buffer().get(), bb.buffer().get(), y.buffer().get(), t, batch.size(), m, n, ka,
               ta, tb, a_stride, b_stride});
  if (!is_floating(t)) return y;
  // Only tracked operands get a gradient: a Dense layer's input batch needs none.
  const bool need_a = a.is_tracked(), need_b = b.is_tracked();
  return autodiff::record(y, {a, b}, [a, b, ta, tb, need_a, need_b](const Tensor& g) {
    // y = A B with A = op(a), B = op(b): dA = g B^T, dB = A^T g.
    Tensor ga, gb;
    if (need_a)
      ga = detail::unbroadcast(ta ? matmul_t(b, g, tb, true) : matmul_t(g, b, false, !tb),
                               a.shape());
    if (need_b)
      gb = detail::unbroadcast(tb ? matmul_t(g, a, true, ta) : matmul_t(a, g, !ta, false),
                               b.shape());
    return std::vector<Tensor>{ga, gb};
  });
}

}  // namespace

Tensor detail::dense_bias_relu(const Tensor& inputs, const Tensor& kernel, const Tensor* bias,
                               bool relu) {
  const bool recorded = records_gradient({&inputs, &kernel, bias});
  const DType t = inputs.dtype();
  const bool plain = !recorded && inputs.rank() >= 2 && kernel.rank() == 2 && kernel.dtype() == t &&
                     (t == DType::float32 || t == DType::float64) &&
                     inputs.shape().dim(-1) == kernel.shape()[0] &&
                     (!bias || (bias->rank() == 1 && bias->shape()[0] == kernel.shape()[1]));
  if (!plain) {
    Tensor y = matmul(inputs, kernel);
    if (bias) y = add(y, *bias);
    return relu ? ops::relu(y) : y;
  }
  const std::int64_t k = kernel.shape()[0], n = kernel.shape()[1];
  const std::int64_t m = k == 0 ? 0 : inputs.size() / k;
  std::vector<std::int64_t> out_dims = inputs.shape().dims();
  out_dims.back() = n;
  Tensor y = empty(Shape(out_dims), t);
  if (m == 0 || n == 0) return y;
  const Tensor x = reshape(inputs, Shape{m, k});
  const Tensor b = bias ? cast(*bias, t) : Tensor();
  be().matmul_bias_relu({x.buffer().get(), kernel.buffer().get(), y.buffer().get(), t, 1, m, n, k},
                        bias ? b.buffer().get() : nullptr, relu);
  return y;
}

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (a.rank() == 0 || b.rank() == 0)
    throw ValueError("matmul: operands must have rank >= 1, received shapes " +
                     a.shape().to_string() + " and " + b.shape().to_string());
  Tensor a2 = a.rank() == 1 ? reshape(a, Shape{1, a.shape()[0]}) : a;
  Tensor b2 = b.rank() == 1 ? reshape(b, Shape{b.shape()[0], 1}) : b;
  // Checked here, not by catching matmul_t's errors: those may be about something else.
  bool compatible = a2.shape().dim(-1) == b2.shape().dim(-2);
  if (compatible) {
    try {
      broadcast_shapes(batch_dims(a2.shape()), batch_dims(b2.shape()));
    } catch (const ValueError&) {
      compatible = false;
    }
  }
  if (!compatible)
    throw ValueError("matmul: incompatible shapes " + a.shape().to_string() + " and " +
                     b.shape().to_string());
  Tensor y = matmul_t(a2, b2, false, false);
  if (a.rank() == 1 && b.rank() == 1) return reshape(y, Shape{});
  if (a.rank() == 1) return squeeze(y, -2);
  if (b.rank() == 1) return squeeze(y, -1);
  return y;
}

Tensor transpose(const Tensor& x, std::vector<int> axes) {
  const int r = x.rank();
  if (axes.empty())
    for (int i = r - 1; i >= 0; --i) axes.push_back(i);
  if (static_cast<int>(axes.size()) != r)
    throw ValueError("transpose: axes has " + std::to_string(axes.size()) +
                     " entries but the tensor has rank " + std::to_string(r) + " (shape " +
                     x.shape().to_string() + ")");
  std::vector<bool> seen(static_cast<std::size_t>(r), false);
  for (auto& a : axes) {
    a = normalize_axis(a, r, "transpose axis");
    if (seen[static_cast<std::size_t>(a)])
      throw ValueError("transpose: repeated axis in permutation");
    seen[static_cast<std::size_t>(a)] = true;
  }
  auto in_strides = x.shape().strides();
  std::vector<std::int64_t> dims, src_strides;
  for (int a : axes) {
    dims.push_back(x.shape()[a]);
    src_strides.push_back(in_strides[static_cast<std::size_t>(a)]);
  }
  Shape out_shape(dims);
  Tensor y = empty(out_shape, x.dtype());
  be().copy_strided(*x.buffer(), 0, src_strides, *y.buffer(), 0, out_shape.strides(), out_shape,
                    x.dtype());
  std::vector<int> inverse(static_cast<std::size_t>(r));
  for (int i = 0; i < r; ++i)
    inverse[static_cast<std::size_t>(axes[static_cast<std::size_t>(i)])] = i;
  return autodiff::record(
      y, {x}, [inverse](const Tensor& g) { return std::vector<Tensor>{transpose(g, inverse)}; });
}

Tensor dot(const Tensor& a, const Tensor& b) {
  if (a.rank() == 0 || b.rank() == 0) return multiply(a, b);
  if (b.rank() <= 2) return matmul(a, b);
  if (a.shape().dim(-1) != b.shape().dim(-2))
    throw ValueError("dot: shapes " + a.shape().to_string() + " and " + b.shape().to_string() +
                     " are not aligned: " + std::to_string(a.shape().dim(-1)) +
                     " (last dim of a) != " + std::to_string(b.shape().dim(-2)) +
                     " (second-to-last dim of b)");
  // N-d: contract a's last axis with b's second-to-last.
  const int rb = b.rank();
  std::vector<int> perm{rb - 2};
  for (int i = 0; i < rb; ++i)
    if (i != rb - 2) perm.push_back(i);
  Tensor bt = transpose(b, perm);  // (k, rest...)
  // Shapes from the dimensions themselves (not size / k), so k == 0 gives zeros as NumPy does.
  std::int64_t k = b.shape().dim(-2), b_rest = 1, a_rest = 1;
  for (int i = 0; i < rb; ++i)
    if (i != rb - 2) b_rest *= b.shape()[i];
  for (int i = 0; i < a.rank() - 1; ++i) a_rest *= a.shape()[i];
  Tensor b2 = reshape(bt, Shape{k, b_rest});
  Tensor a2 = reshape(a, Shape{a_rest, k});
  Tensor y = matmul(a2, b2);
  std::vector<std::int64_t> dims(a.shape().dims().begin(), a.shape().dims().end() - 1);
  for (int i = 0; i < rb; ++i)
    if (i != rb - 2) dims.push_back(b.shape()[i]);
  return reshape(y, Shape(dims));
}

}  // namespace keras::ops
