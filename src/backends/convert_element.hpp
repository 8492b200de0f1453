#pragma once
// Internal: one element converted between dtypes as XLA (Keras 3 on JAX) converts it. Floating
// to integer saturates at the integer's range and takes NaN to 0 (a plain static_cast is
// undefined behaviour there, and returned garbage on x86); to bool is "not zero"; every other
// conversion is C++'s own, which is defined for these types.
#include <limits>
#include <type_traits>

namespace keras::detail {

template <class D, class S>
inline D convert_element(S v) {
  if constexpr (std::is_same_v<D, bool>) {
    return v != S(0);
  } else if constexpr (std::is_floating_point_v<S> && std::is_integral_v<D>) {
    if (v != v) return D(0);
    // The bounds as S: min is a power of two (or 0), exact; max rounds up to the next power of
    // two, so `v >= hi` catches everything at or past it and the cast below stays in range.
    constexpr S lo = static_cast<S>(std::numeric_limits<D>::min());
    constexpr S hi = static_cast<S>(std::numeric_limits<D>::max());
    if (v <= lo) return std::numeric_limits<D>::min();
    if (v >= hi) return std::numeric_limits<D>::max();
    return static_cast<D>(v);
  } else {
    return static_cast<D>(v);
  }
}

}  // namespace keras::detail
