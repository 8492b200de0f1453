#pragma once
#include <optional>
#include <type_traits>

#include "keras/core/tensor.hpp"

namespace keras::ops {

// No dtype means keras.config.floatx() at the time of the call, as in Keras.
Tensor zeros(const Shape& shape, std::optional<DType> dtype = std::nullopt);
Tensor ones(const Shape& shape, std::optional<DType> dtype = std::nullopt);
Tensor full(const Shape& shape, double fill_value, std::optional<DType> dtype = std::nullopt);
Tensor zeros_like(const Tensor& x);
Tensor ones_like(const Tensor& x);
Tensor full_like(const Tensor& x, double fill_value);

// A number passed to arange that remembers whether it was written as an integer or a floating
// point value: Keras infers arange's dtype from its arguments' Python types.
struct ArangeValue {
  template <class T>
  requires std::is_arithmetic_v<T> ArangeValue(T v)
      : value(static_cast<double>(v)), is_float(std::is_floating_point_v<T>) {}
  double value;
  bool is_float;
};
// keras.ops.arange: [start, stop) by `step`. Without a dtype: int32 if start, stop and step are
// all integers, floatx if any is floating (arange(0.5, 3.0, 0.25) is float32, arange(0, 5) int32).
Tensor arange(ArangeValue start, ArangeValue stop, ArangeValue step = 1,
              std::optional<DType> dtype = std::nullopt);
// arange(stop): [0, stop) by 1.
Tensor arange(ArangeValue stop);
// n x m (m = n when negative) with ones on diagonal k; floatx unless a dtype is given.
Tensor eye(std::int64_t n, std::int64_t m = -1, std::int64_t k = 0,
           std::optional<DType> dtype = std::nullopt);

// Converts to `dtype` (identity when equal). Float to int truncates toward zero; to bool is != 0.
Tensor cast(const Tensor& x, DType dtype);
Tensor cast(const Tensor& x, const std::string& dtype);
// The same value, untracked: gradients do not flow through it.
Tensor stop_gradient(const Tensor& x);
// Contiguous copy with fresh storage.
Tensor copy(const Tensor& x);

}  // namespace keras::ops
