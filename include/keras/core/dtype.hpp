#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "keras/core/errors.hpp"

namespace keras {

// Element types, named as Keras names them ("float32", "int64", "bool", ...).
// float16 and bfloat16 are storage types for now: tensors of them can be created, cast, copied,
// read and written (what GPU backends and Keras's mixed-precision policies need first), and
// every other kernel raises a TypeError asking for a cast to float32.
enum class DType : std::uint8_t { float32, float64, int32, int64, uint8, bool_, float16, bfloat16 };

std::string_view dtype_name(DType dtype);
// Accepts Keras's names; throws ValueError listing the valid names otherwise.
DType dtype_from_name(std::string_view name);
std::size_t dtype_size(DType dtype);
bool is_floating(DType dtype);
bool is_integer(DType dtype);       // int32, int64, uint8 (not bool)
bool is_storage_only(DType dtype);  // float16, bfloat16

// IEEE half and bfloat16 bit patterns to and from float (round to nearest even; NaN stays NaN).
float half_to_float(std::uint16_t bits);
std::uint16_t float_to_half(float value);
float bfloat16_to_float(std::uint16_t bits);
std::uint16_t float_to_bfloat16(float value);

// The promotion rule for binary ops: bool < uint8 < int32 < int64 < float32 < float64,
// except that a "weak" operand (a C++ scalar) never widens a strong one of the same kind
// (float64 scalar + float32 tensor stays float32, as in Keras/JAX).
DType promote_types(DType a, bool a_weak, DType b, bool b_weak);

// Maps a C++ element type to its DType.
template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::float32;
}
template <>
constexpr DType dtype_of<double>() {
  return DType::float64;
}
template <>
constexpr DType dtype_of<std::int32_t>() {
  return DType::int32;
}
template <>
constexpr DType dtype_of<std::int64_t>() {
  return DType::int64;
}
template <>
constexpr DType dtype_of<std::uint8_t>() {
  return DType::uint8;
}
template <>
constexpr DType dtype_of<bool>() {
  return DType::bool_;
}

// Calls f.template operator()<T>() with the C++ type of `dtype`.
template <class F>
decltype(auto) dispatch_dtype(DType dtype, F&& f) {
  switch (dtype) {
    case DType::float32: return f.template operator()<float>();
    case DType::float64: return f.template operator()<double>();
    case DType::int32: return f.template operator()<std::int32_t>();
    case DType::int64: return f.template operator()<std::int64_t>();
    case DType::uint8: return f.template operator()<std::uint8_t>();
    case DType::bool_: return f.template operator()<bool>();
    case DType::float16:
    case DType::bfloat16: break;
  }
  throw TypeError("dtype " + std::string(dtype_name(dtype)) +
                  " is a storage type in keraspp (cast, copy, read and write only): cast the "
                  "tensor to float32 to compute with it");
}

}  // namespace keras
