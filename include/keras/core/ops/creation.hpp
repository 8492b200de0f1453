#pragma once
#include "keras/core/tensor.hpp"

namespace keras::ops {

Tensor zeros(const Shape& shape, DType dtype = DType::float32);
Tensor ones(const Shape& shape, DType dtype = DType::float32);
Tensor full(const Shape& shape, double fill_value, DType dtype = DType::float32);
Tensor zeros_like(const Tensor& x);
Tensor ones_like(const Tensor& x);
Tensor full_like(const Tensor& x, double fill_value);
// [start, stop) with `step`; int32 unless a dtype is given (as keras.ops.arange for ints).
Tensor arange(double start, double stop, double step = 1.0, DType dtype = DType::int32);
Tensor arange(double stop);
Tensor eye(std::int64_t n, std::int64_t m = -1, std::int64_t k = 0, DType dtype = DType::float32);

// Converts to `dtype` (identity when equal). Float to int truncates toward zero; to bool is != 0.
Tensor cast(const Tensor& x, DType dtype);
Tensor cast(const Tensor& x, const std::string& dtype);
// The same value, untracked: gradients do not flow through it.
Tensor stop_gradient(const Tensor& x);
// Contiguous copy with fresh storage.
Tensor copy(const Tensor& x);

}  // namespace keras::ops
