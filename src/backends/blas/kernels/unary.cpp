// Elementwise unary kernels for the blas backend: xsimd batches for float32/float64 (the same
// formulas as the reference's apply_unary, evaluated in the input precision), threaded with
// parallel_for; integer inputs use the reference kernel.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/simd.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;

// y[i] = f(x[i]) batch by batch; the tail goes through a padded batch so every element sees
// exactly the same function.
template <class T, class F>
void map_simd(const T* x, T* y, Idx n, Idx grain, F f) {
  using B = xsimd::batch<T>;
  constexpr Idx W = static_cast<Idx>(B::size);
  threading::parallel_for_balanced(n, grain, [&](Idx b, Idx e) {
    Idx i = b;
    for (; i + W <= e; i += W) f(B::load_unaligned(x + i)).store_unaligned(y + i);
    if (i < e) {
      alignas(64) T tmp[W] = {};
      std::memcpy(tmp, x + i, static_cast<std::size_t>(e - i) * sizeof(T));
      f(B::load_aligned(tmp)).store_aligned(tmp);
      std::memcpy(y + i, tmp, static_cast<std::size_t>(e - i) * sizeof(T));
    }
  });
}

template <class T>
void unary_float(UnaryOp op, const T* x, T* y, Idx n, double alpha_d) {
  using B = xsimd::batch<T>;
  using blas_detail::kGrain;
  using blas_detail::kHeavyGrain;
  const T alpha = static_cast<T>(alpha_d);
  constexpr T kSeluAlpha = T(1.6732632423543772848170429916717);
  constexpr T kSeluScale = T(1.0507009873554804934193349852946);
  constexpr T kSqrt2OverPi = T(0.7978845608028654);
  constexpr T kInvSqrt2 = T(0.70710678118654752440084436210485);
  const B zero(T(0)), one(T(1)), half(T(0.5)), six(T(6));
  switch (op) {
    // A sign flip, not 0 - v (xsimd's AVX-512 negation): subnormals pass through, as in XLA.
    case UnaryOp::negative:
      return map_simd(x, y, n, kGrain, [](B v) { return xsimd::bitwise_xor(v, B(T(-0.0))); });
    case UnaryOp::abs: return map_simd(x, y, n, kGrain, [](B v) { return xsimd::abs(v); });
    case UnaryOp::sign:
      return map_simd(x, y, n, kGrain, [&](B v) {
        const B s = xsimd::select(v > zero, one, xsimd::select(v < zero, -one, zero));
        return xsimd::select(xsimd::isnan(v), v, s);
      });
    case UnaryOp::exp: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::exp(v); });
    case UnaryOp::expm1: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::expm1(v); });
    case UnaryOp::log: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::log(v); });
    case UnaryOp::log1p: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::log1p(v); });
    case UnaryOp::sqrt: return map_simd(x, y, n, kGrain, [](B v) { return xsimd::sqrt(v); });
    case UnaryOp::rsqrt:
      return map_simd(x, y, n, kGrain, [&](B v) { return one / xsimd::sqrt(v); });
    case UnaryOp::square: return map_simd(x, y, n, kGrain, [](B v) { return v * v; });
    case UnaryOp::reciprocal: return map_simd(x, y, n, kGrain, [&](B v) { return one / v; });
    case UnaryOp::sin: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::sin(v); });
    case UnaryOp::cos: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::cos(v); });
    case UnaryOp::tanh: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::tanh(v); });
    case UnaryOp::sigmoid:
      return map_simd(x, y, n, kHeavyGrain, [&](B v) { return one / (one + xsimd::exp(-v)); });
    // relu, relu6 and hard_sigmoid let NaN through, as the reference (max(x, 0) in NumPy).
    case UnaryOp::relu:
      return map_simd(x, y, n, kGrain, [&](B v) { return xsimd::select(v < zero, zero, v); });
    case UnaryOp::relu6:
      return map_simd(x, y, n, kGrain, [&](B v) {
        return xsimd::select(v < zero, zero, xsimd::select(v > six, six, v));
      });
    case UnaryOp::elu:
      return map_simd(x, y, n, kHeavyGrain,
                      [&](B v) { return xsimd::select(v > zero, v, B(alpha) * xsimd::expm1(v)); });
    case UnaryOp::selu:
      return map_simd(x, y, n, kHeavyGrain, [&](B v) {
        return B(kSeluScale) * xsimd::select(v > zero, v, B(kSeluAlpha) * xsimd::expm1(v));
      });
    case UnaryOp::softplus:
      return map_simd(x, y, n, kHeavyGrain, [&](B v) {
        // log(1 + exp(x)) without overflow: x + log1p(exp(-x)) for x > 0.
        const B e = xsimd::exp(-xsimd::abs(v));
        return xsimd::select(v > zero, v + xsimd::log1p(e), xsimd::log1p(e));
      });
    case UnaryOp::softsign:
      return map_simd(x, y, n, kGrain, [&](B v) { return v / (one + xsimd::abs(v)); });
    case UnaryOp::gelu_tanh:
      return map_simd(x, y, n, kHeavyGrain, [&](B v) {
        const B inner = B(kSqrt2OverPi) * (v + B(T(0.044715)) * v * v * v);
        return half * v * (one + xsimd::tanh(inner));
      });
    case UnaryOp::gelu_erf:
      return map_simd(x, y, n, kHeavyGrain,
                      [&](B v) { return half * v * (one + xsimd::erf(v * B(kInvSqrt2))); });
    case UnaryOp::silu:
      return map_simd(x, y, n, kHeavyGrain, [&](B v) { return v / (one + xsimd::exp(-v)); });
    case UnaryOp::hard_sigmoid:
      return map_simd(x, y, n, kGrain, [&](B v) {
        const B t = v + B(T(3));
        return xsimd::select(t < zero, zero, xsimd::select(t > six, six, t)) / six;
      });
    case UnaryOp::leaky_relu:
      return map_simd(x, y, n, kGrain,
                      [&](B v) { return xsimd::select(v > zero, v, B(alpha) * v); });
    case UnaryOp::erf: return map_simd(x, y, n, kHeavyGrain, [](B v) { return xsimd::erf(v); });
    case UnaryOp::round: return map_simd(x, y, n, kGrain, [](B v) { return xsimd::nearbyint(v); });
    case UnaryOp::floor: return map_simd(x, y, n, kGrain, [](B v) { return xsimd::floor(v); });
    case UnaryOp::ceil: return map_simd(x, y, n, kGrain, [](B v) { return xsimd::ceil(v); });
    case UnaryOp::logical_not:
    case UnaryOp::isnan:
    case UnaryOp::isinf:
    case UnaryOp::isfinite: break;  // predicates: handled by unary_predicate
  }
}

// Predicates write bool.
template <class T>
void unary_predicate(UnaryOp op, const T* x, bool* y, Idx n) {
  threading::parallel_for_balanced(n, blas_detail::kGrain, [&](Idx b, Idx e) {
    constexpr T inf = std::numeric_limits<T>::infinity();
    switch (op) {
      case UnaryOp::logical_not:
        for (Idx i = b; i < e; ++i) y[i] = x[i] == T(0);
        break;
      case UnaryOp::isnan:
        for (Idx i = b; i < e; ++i) y[i] = x[i] != x[i];
        break;
      case UnaryOp::isinf:
        for (Idx i = b; i < e; ++i) y[i] = x[i] == inf || x[i] == -inf;
        break;
      case UnaryOp::isfinite:
        for (Idx i = b; i < e; ++i) y[i] = x[i] - x[i] == T(0);
        break;
      default: break;
    }
  });
}

// Softmax of each contiguous row of n: the maximum, the exponentials (stored, and summed in
// vectors), then one division (or, for log_softmax, a subtraction) per element.
template <class T>
void softmax_rows(const T* x, T* y, Idx rows, Idx n, bool log) {
  using B = xsimd::batch<T>;
  constexpr Idx W = static_cast<Idx>(B::size);
  threading::parallel_for_balanced(
      rows, std::max<Idx>(1, blas_detail::kHeavyGrain / n), [&](Idx r0, Idx r1) {
        for (Idx r = r0; r < r1; ++r) {
          const T* p = x + r * n;
          T* q = y + r * n;
          T m = -std::numeric_limits<T>::infinity();
          bool nan = false;
          for (Idx i = 0; i < n; ++i) {
            nan = nan || p[i] != p[i];
            m = p[i] > m ? p[i] : m;
          }
          if (nan) m = std::numeric_limits<T>::quiet_NaN();
          const B mv(m);
          B acc(T(0));
          T tail = 0;
          Idx i = 0;
          for (; i + W <= n; i += W) {
            const B e = xsimd::exp(B::load_unaligned(p + i) - mv);
            acc += e;
            if (!log) e.store_unaligned(q + i);
          }
          if (i < n) {  // through a padded batch, so the tail sees the same exp
            alignas(64) T tmp[W] = {};
            for (Idx k = i; k < n; ++k) tmp[k - i] = p[k];
            (xsimd::exp(B::load_aligned(tmp) - mv)).store_aligned(tmp);
            for (Idx k = i; k < n; ++k) {
              tail += tmp[k - i];
              if (!log) q[k] = tmp[k - i];
            }
          }
          const T s = xsimd::hadd(acc) + tail;
          if (log) {
            const T ls = std::log(s);
            for (Idx k = 0; k < n; ++k) q[k] = (p[k] - m) - ls;
          } else {
            for (Idx k = 0; k < n; ++k) q[k] = q[k] / s;
          }
        }
      });
}

}  // namespace

void BlasBackend::softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
                          std::int64_t inner, DType dtype, bool log) {
  if (inner != 1 || (dtype != DType::float32 && dtype != DType::float64))
    return ReferenceBackend::softmax(in, out, outer, axis_len, inner, dtype, log);
  if (dtype == DType::float32)
    softmax_rows(static_cast<const float*>(in.data()), static_cast<float*>(out.data()), outer,
                 axis_len, log);
  else
    softmax_rows(static_cast<const double*>(in.data()), static_cast<double*>(out.data()), outer,
                 axis_len, log);
}

void BlasBackend::unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
                        double alpha) {
  if (dtype != DType::float32 && dtype != DType::float64)
    return ReferenceBackend::unary(op, in, out, n, dtype, alpha);
  if (is_predicate(op)) {
    if (dtype == DType::float32)
      unary_predicate(op, static_cast<const float*>(in.data()), static_cast<bool*>(out.data()), n);
    else
      unary_predicate(op, static_cast<const double*>(in.data()), static_cast<bool*>(out.data()), n);
    return;
  }
  if (dtype == DType::float32)
    unary_float(op, static_cast<const float*>(in.data()), static_cast<float*>(out.data()), n,
                alpha);
  else
    unary_float(op, static_cast<const double*>(in.data()), static_cast<double*>(out.data()), n,
                alpha);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
