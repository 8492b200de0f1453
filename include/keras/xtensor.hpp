#pragma once
// keras <-> xtensor interop. The only keraspp header that includes xtensor, and it is not part
// of keras/keras.hpp, so users who never include it do not need xtensor installed.
// Header-only: the conversions are templates over the xtensor element type.
//
//   xt::xarray<double> a = keras::to_xarray<double>(t);         // copy, converting dtype
//   auto view = keras::adapt<float>(t);                         // zero-copy, read-only
//   keras::Tensor u = keras::from_xtensor(a * 2.0 + 1.0);       // evaluates, copies
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>
#include <xtensor/xnoalias.hpp>
#include <xtensor/xtensor.hpp>

#include "keras/core/errors.hpp"
#include "keras/backends/backend.hpp"
#include "keras/core/tensor.hpp"

namespace keras {

namespace xtensor_detail {

inline std::vector<std::size_t> xshape(const Tensor& x) {
  return std::vector<std::size_t>(x.shape().begin(), x.shape().end());
}

// Copies x's elements into `out` (x.size() elements), converting each to T with static_cast
// (float to int truncates, nonzero to bool is true: the same rules as Tensor::to_vector).
template <class T>
void copy_converted(const Tensor& x, T* out) {
  static_assert(std::is_arithmetic_v<T>, "keras::to_xarray/to_xtensor need an arithmetic type");
  if (is_storage_only(x.dtype())) {  // float16 / bfloat16: converted through float
    const auto values = x.to_vector<float>();
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = static_cast<T>(values[i]);
    return;
  }
  // Host tensors are read in place; others through one transfer from their backend.
  std::vector<unsigned char> staging;
  const void* data = nullptr;
  if (x.buffer()->is_host()) {
    data = x.raw_data();
  } else {
    staging.resize(x.nbytes());
    x.backend().read(*x.buffer(), 0, staging.data(), staging.size());
    data = staging.data();
  }
  dispatch_dtype(x.dtype(), [&]<class S>() {
    const S* src = static_cast<const S*>(data);
    for (std::int64_t i = 0; i < x.size(); ++i) out[i] = static_cast<T>(src[i]);
  });
}

// The tensor element type that stores an xtensor value_type V exactly (no silent narrowing:
// unsupported types are a compile error rather than a lossy conversion).
template <class V>
constexpr auto storage_tag() {
  if constexpr (std::is_same_v<V, bool>) return bool{};
  else if constexpr (std::is_same_v<V, float> || std::is_same_v<V, double>) return V{};
  else if constexpr (std::is_integral_v<V> && std::is_signed_v<V> && !std::is_same_v<V, char> &&
                     sizeof(V) == 4)
    return std::int32_t{};
  else if constexpr (std::is_integral_v<V> && std::is_signed_v<V> && !std::is_same_v<V, char> &&
                     sizeof(V) == 8)
    return std::int64_t{};
  else if constexpr (std::is_same_v<V, unsigned char>) return std::uint8_t{};
  else
    static_assert(sizeof(V) == 0,
                  "keras::from_xtensor: value_type must be float, double, int32, int64, uint8 "
                  "or bool (cast the expression first, e.g. xt::cast<float>(e))");
}
template <class V>
using storage_t = decltype(storage_tag<V>());

}  // namespace xtensor_detail

// A row-major copy of x as xt::xarray<T>, converting elements to T.
template <class T>
xt::xarray<T, xt::layout_type::row_major> to_xarray(const Tensor& x) {
  xt::xarray<T, xt::layout_type::row_major> out(xtensor_detail::xshape(x));
  xtensor_detail::copy_converted(x, out.data());
  return out;
}

// A row-major copy of x as xt::xtensor<T, N>; x must have rank N (ValueError otherwise).
template <class T, std::size_t N>
xt::xtensor<T, N, xt::layout_type::row_major> to_xtensor(const Tensor& x) {
  if (static_cast<std::size_t>(x.rank()) != N)
    throw ValueError("keras::to_xtensor<T, " + std::to_string(N) + ">: expected a tensor of rank " +
                     std::to_string(N) + ", received shape " + x.shape().to_string());
  std::array<std::size_t, N> shape{};
  for (std::size_t i = 0; i < N; ++i)
    shape[i] = static_cast<std::size_t>(x.shape()[static_cast<int>(i)]);
  xt::xtensor<T, N, xt::layout_type::row_major> out(shape);
  xtensor_detail::copy_converted(x, out.data());
  return out;
}

// A zero-copy, read-only xtensor view of x's storage (same memory: data() == x.data<T>()).
// Only for tensors in host memory (TypeError otherwise: use to_xarray, which copies).
// Read-only because tensors are immutable and copies share storage. The view holds a
// reference to the storage, so it stays valid even if every Tensor handle is gone.
// T must be x's element type exactly (TypeError otherwise): a view cannot convert.
template <class T>
auto adapt(const Tensor& x) {
  if (dtype_of<T>() != x.dtype())
    throw TypeError("keras::adapt<" + std::string(dtype_name(dtype_of<T>())) +
                    ">: the tensor's dtype is " + std::string(dtype_name(x.dtype())) +
                    "; use to_xarray<T> to convert, or adapt<> its own element type");
  // The pointer goes in as a prvalue: adapt_smart_ptr keeps P as given, and an lvalue would
  // make the view hold a reference to this function's local variable.
  return xt::adapt_smart_ptr<xt::layout_type::row_major>(x.template data<T>(),
                                                         xtensor_detail::xshape(x), x.buffer());
}

// A Tensor holding a copy of the evaluated expression, row-major; its dtype comes from the
// expression's value_type (float, double, int32, int64, uint8 or bool). The expression is
// evaluated straight into the new tensor's storage, with no intermediate array.
template <class E>
Tensor from_xtensor(const xt::xexpression<E>& expression) {
  const E& e = expression.derived_cast();
  using V = std::remove_cv_t<typename E::value_type>;
  using S = xtensor_detail::storage_t<V>;
  const auto& s = e.shape();
  std::vector<std::int64_t> dims(s.begin(), s.end());
  Tensor t = empty(Shape(std::move(dims)), dtype_of<S>());
  if (!t.buffer()->is_host()) {  // evaluate on the host, then one transfer to the backend
    xt::xarray<S, xt::layout_type::row_major> host = e;
    return from_raw(host.data(), t.shape(), t.dtype());
  }
  auto dst = xt::adapt<xt::layout_type::row_major>(
      static_cast<S*>(mutable_data(t)), static_cast<std::size_t>(t.size()), xt::no_ownership(),
      std::vector<std::size_t>(s.begin(), s.end()));
  // noalias: plain `dst = e` would first evaluate into a temporary array (xtensor's guard
  // against aliasing, impossible here with fresh storage) and copy it a second time.
  xt::noalias(dst) = e;  // evaluates the lazy expression, converting V to S if they differ
  return t;
}

}  // namespace keras
