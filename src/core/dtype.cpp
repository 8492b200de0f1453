#include "keras/core/dtype.hpp"

#include <algorithm>
#include <array>

#include "keras/core/errors.hpp"

namespace keras {
namespace {
struct DTypeInfo {
  DType dtype;
  std::string_view name;
  std::size_t size;
  int rank;  // position in the promotion lattice
};
constexpr std::array<DTypeInfo, 6> kInfo{{
    {DType::float32, "float32", 4, 4},
    {DType::float64, "float64", 8, 5},
    {DType::int32, "int32", 4, 2},
    {DType::int64, "int64", 8, 3},
    {DType::uint8, "uint8", 1, 1},
    {DType::bool_, "bool", 1, 0},
}};
const DTypeInfo& info(DType d) { return kInfo[static_cast<int>(d)]; }
}  // namespace

std::string_view dtype_name(DType dtype) { return info(dtype).name; }
std::size_t dtype_size(DType dtype) { return info(dtype).size; }
bool is_floating(DType d) { return d == DType::float32 || d == DType::float64; }
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
  if (a_weak && !b_weak) return kind(a) > kind(b) ? (kind(a) == 2 ? DType::float32 : DType::int32) : b;
  if (b_weak && !a_weak) return kind(b) > kind(a) ? (kind(b) == 2 ? DType::float32 : DType::int32) : a;
  // Two integer types of different signedness/width and float mixing: the higher rank wins,
  // but int64 with float32 stays float32 (Keras does not silently go to float64).
  return info(a).rank > info(b).rank ? a : b;
}

}  // namespace keras
