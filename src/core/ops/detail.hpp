#pragma once
// Internal helpers shared by the op implementations (not part of the public API).
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "keras/backends/backend.hpp"
#include "src/backends/dispatch.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"

namespace keras::ops::detail {

// Kernels run through the dispatcher: operand residence checked, declined kernels fall back.
inline backend::Dispatch be() { return backend::dispatch(); }

// Whether a tape records a gradient for any of these operands (undefined ones are skipped): the
// fused ops run their kernel only when none is.
inline bool records_gradient(std::initializer_list<const Tensor*> operands) {
  if (!autodiff::is_recording()) return false;
  for (const Tensor* t : operands)
    if (t && t->defined() && t->is_tracked()) return true;
  return false;
}

// "[1, 2, 3]": integer lists in messages.
inline std::string int_list(const std::vector<std::int64_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// Element strides of `x` broadcast against `out` (0 along broadcast and missing dims).
std::vector<std::int64_t> broadcast_strides(const Shape& x, const Shape& out);
inline backend::StridedInput strided(const Tensor& x, const Shape& out) {
  return {x.buffer().get(), broadcast_strides(x.shape(), out)};
}

// Sums `grad` down to `shape` (the inverse of broadcasting), for binary-op gradients.
Tensor unbroadcast(const Tensor& grad, const Shape& shape);

// keras.config.floatx() as a DType.
DType floatx();
// floatx when x is not floating (keras.ops computes transcendental functions in floatx).
DType float_dtype(DType d);
Tensor to_float(const Tensor& x);

// The dtype two operands promote to (weak scalars do not widen).
DType result_type(const Tensor& a, const Tensor& b);

// Runs a unary kernel on x (already of the compute dtype).
Tensor unary_kernel(backend::UnaryOp op, const Tensor& x, double alpha = 0.0);

// Shape of a reduction's output with keepdims=true (reduced axes become 1).
Shape keepdims_shape(const Shape& in, const std::vector<int>& axes);

// The first label outside [0, limit) (row-major order), or none. Found with ops on the
// backend: only the answer crosses to the host.
std::optional<std::int64_t> first_out_of_range(const Tensor& labels, std::int64_t limit);

// Throws ValueError(message) when cond fails; the message names the op, expected and received.
void check(bool cond, const std::string& message);

}  // namespace keras::ops::detail
