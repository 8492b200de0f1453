#include "keras/core/dtype.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "keras/core/errors.hpp"

namespace keras {
namespace {
struct DTypeInfo {
  DType dtype;
  std::string_view name;
  std::size_t size;
  int rank;  // position in the promotion lattice
};
constexpr std::array<DTypeInfo, 8> kInfo{{
    {DType::float32, "float32", 4, 5},
    {DType::float64, "float64", 8, 6},
    {DType::int32, "int32", 4, 2},
    {DType::int64, "int64", 8, 3},
    {DType::uint8, "uint8", 1, 1},
    {DType::bool_, "bool", 1, 0},
    {DType::float16, "float16", 2, 4},
    {DType::bfloat16, "bfloat16", 2, 4},
}};
const DTypeInfo& info(DType d) { return kInfo[static_cast<int>(d)]; }
}  // namespace

std::string_view dtype_name(DType dtype) { return info(dtype).name; }
std::size_t dtype_size(DType dtype) { return info(dtype).size; }
bool is_floating(DType d) {
  return d == DType::float32 || d == DType::float64 || d == DType::float16 || d == DType::bfloat16;
}
bool is_storage_only(DType d) { return d == DType::float16 || d == DType::bfloat16; }

float half_to_float(std::uint16_t h) {
  const std::uint32_t sign = std::uint32_t(h & 0x8000u) << 16;
  const std::uint32_t exp = (h >> 10) & 0x1Fu;
  std::uint32_t mant = h & 0x3FFu;
  std::uint32_t bits;
  if (exp == 0x1F) {
    bits = sign | 0x7F800000u | (mant << 13);  // inf / NaN
  } else if (exp != 0) {
    bits = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    bits = sign;
  } else {  // subnormal half: normalise
    int e = -1;
    do {
      ++e;
      mant <<= 1;
    } while (!(mant & 0x400u));
    bits = sign | (std::uint32_t(112 - e) << 23) | ((mant & 0x3FFu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

std::uint16_t float_to_half(float value) {
  std::uint32_t x;
  std::memcpy(&x, &value, 4);
  const std::uint16_t sign = static_cast<std::uint16_t>((x >> 16) & 0x8000u);
  const std::uint32_t abs = x & 0x7FFFFFFFu;
  if (abs > 0x7F800000u) return static_cast<std::uint16_t>(sign | 0x7E00u);   // NaN
  if (abs >= 0x477FF000u) return static_cast<std::uint16_t>(sign | 0x7C00u);  // rounds to inf
  if (abs < 0x38800000u) {               // below the smallest normal half: subnormal or zero
    if (abs < 0x33000000u) return sign;  // below half the smallest subnormal
    const std::uint32_t mant = (abs & 0x7FFFFFu) | 0x800000u;
    const int shift = 126 - static_cast<int>(abs >> 23);  // 14..24
    std::uint32_t r = mant >> shift;
    const std::uint32_t rem = mant & ((1u << shift) - 1), halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (r & 1u))) ++r;
    return static_cast<std::uint16_t>(sign | r);
  }
  std::uint32_t r = abs - 0x38000000u;  // rebias exponent 127 -> 15, keep 23-bit mantissa
  const std::uint32_t rem = r & 0x1FFFu;
  r >>= 13;
  if (rem > 0x1000u || (rem == 0x1000u && (r & 1u))) ++r;
  return static_cast<std::uint16_t>(sign | r);
}

float bfloat16_to_float(std::uint16_t bits) {
  const std::uint32_t x = std::uint32_t(bits) << 16;
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

std::uint16_t float_to_bfloat16(float value) {
  std::uint32_t x;
  std::memcpy(&x, &value, 4);
  if ((x & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<std::uint16_t>((x >> 16) | 0x40u);
  x += 0x7FFFu + ((x >> 16) & 1u);  // round to nearest even
  return static_cast<std::uint16_t>(x >> 16);
}
bool is_integer(DType d) { return d == DType::int32 || d == DType::int64 || d == DType::uint8; }

DType dtype_from_name(std::string_view name) {
  for (const auto& i : kInfo)
    if (i.name == name) return i.dtype;
  if (name == "float") return DType::float32;
  if (name == "int") return DType::int32;
  std::string valid;
  for (const auto& i : kInfo) valid += (valid.empty() ? "" : ", ") + std::string(i.name);
  throw ValueError("Invalid dtype: '" + std::string(name) + "'. Supported dtypes: " + valid);
}

DType promote_types(DType a, bool a_weak, DType b, bool b_weak) {
  auto kind = [](DType d) { return is_floating(d) ? 2 : (d == DType::bool_ ? 0 : 1); };
  // Two C++ scalars: the default type of the higher kind (Keras: 1.0 + 2.0 is float32).
  if (a_weak && b_weak) {
    int k = std::max(kind(a), kind(b));
    return k == 2 ? DType::float32 : (k == 1 ? DType::int32 : DType::bool_);
  }
  if (a == b) return a;
  // A weak scalar adopts the strong operand's type unless it is of a higher kind
  // (an int tensor times 0.5 becomes floatx, i.e. float32).
  if (a_weak && !b_weak)
    return kind(a) > kind(b) ? (kind(a) == 2 ? DType::float32 : DType::int32) : b;
  if (b_weak && !a_weak)
    return kind(b) > kind(a) ? (kind(b) == 2 ? DType::float32 : DType::int32) : a;
  // Two integer types of different signedness/width and float mixing: the higher rank wins,
  // but int64 with float32 stays float32 (Keras does not silently go to float64).
  // float16 with bfloat16 meets at float32, as in JAX.
  if (is_storage_only(a) && is_storage_only(b)) return DType::float32;
  return info(a).rank > info(b).rank ? a : b;
}

}  // namespace keras
