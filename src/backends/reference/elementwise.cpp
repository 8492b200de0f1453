#include <cmath>
#include <type_traits>

#include "src/backends/reference/reference_backend.hpp"
#include "keras/core/errors.hpp"

namespace keras::backend {

bool is_comparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::equal:
    case BinaryOp::not_equal:
    case BinaryOp::less:
    case BinaryOp::less_equal:
    case BinaryOp::greater:
    case BinaryOp::greater_equal:
    case BinaryOp::logical_and:
    case BinaryOp::logical_or:
    case BinaryOp::logical_xor: return true;
    default: return false;
  }
}

double apply_unary(UnaryOp op, double x, double alpha) {
  constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
  constexpr double kSeluScale = 1.0507009873554804934193349852946;
  constexpr double kSqrt2OverPi = 0.7978845608028654;
  switch (op) {
    case UnaryOp::negative: return -x;
    case UnaryOp::abs: return std::fabs(x);
    case UnaryOp::sign: return std::isnan(x) ? x : (x > 0) - (x < 0);
    case UnaryOp::exp: return std::exp(x);
    case UnaryOp::expm1: return std::expm1(x);
    case UnaryOp::log: return std::log(x);
    case UnaryOp::log1p: return std::log1p(x);
    case UnaryOp::sqrt: return std::sqrt(x);
    case UnaryOp::rsqrt: return 1.0 / std::sqrt(x);
    case UnaryOp::square: return x * x;
    case UnaryOp::reciprocal: return 1.0 / x;
    case UnaryOp::sin: return std::sin(x);
    case UnaryOp::cos: return std::cos(x);
    case UnaryOp::tanh: return std::tanh(x);
    case UnaryOp::sigmoid: return 1.0 / (1.0 + std::exp(-x));
    // Written so NaN propagates, as max(x, 0) does in NumPy/JAX.
    case UnaryOp::relu: return x < 0 ? 0.0 : x;
    case UnaryOp::relu6: return x < 0 ? 0.0 : (x > 6 ? 6.0 : x);
    case UnaryOp::elu: return x > 0 ? x : alpha * std::expm1(x);
    case UnaryOp::selu: return kSeluScale * (x > 0 ? x : kSeluAlpha * std::expm1(x));
    // log(1 + exp(x)) without overflow for large x.
    case UnaryOp::softplus: return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
    case UnaryOp::softsign: return x / (1.0 + std::fabs(x));
    case UnaryOp::gelu_tanh:
      return 0.5 * x * (1.0 + std::tanh(kSqrt2OverPi * (x + 0.044715 * x * x * x)));
    case UnaryOp::gelu_erf: return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case UnaryOp::silu: return x / (1.0 + std::exp(-x));
    case UnaryOp::hard_sigmoid: return (x + 3.0 < 0 ? 0.0 : (x + 3.0 > 6 ? 6.0 : x + 3.0)) / 6.0;
    case UnaryOp::leaky_relu: return x > 0 ? x : alpha * x;
    case UnaryOp::erf: return std::erf(x);
    case UnaryOp::round: return std::nearbyint(x);  // ties to even in the default mode
    case UnaryOp::floor: return std::floor(x);
    case UnaryOp::ceil: return std::ceil(x);
    case UnaryOp::logical_not: return x == 0 ? 1.0 : 0.0;
    case UnaryOp::isnan: return std::isnan(x) ? 1.0 : 0.0;
    case UnaryOp::isinf: return std::isinf(x) ? 1.0 : 0.0;
    case UnaryOp::isfinite: return std::isfinite(x) ? 1.0 : 0.0;
  }
  return x;
}

bool is_predicate(UnaryOp op) {
  return op == UnaryOp::logical_not || op == UnaryOp::isnan || op == UnaryOp::isinf ||
         op == UnaryOp::isfinite;
}

namespace {

template <class T>
T apply_binary(BinaryOp op, T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    double x = a, y = b;
    switch (op) {
      case BinaryOp::add: return static_cast<T>(x + y);
      case BinaryOp::subtract: return static_cast<T>(x - y);
      case BinaryOp::multiply: return static_cast<T>(x * y);
      case BinaryOp::divide: return static_cast<T>(x / y);
      case BinaryOp::power: return static_cast<T>(std::pow(x, y));
      // NaN propagates through maximum/minimum, as in NumPy.
      case BinaryOp::maximum: return std::isnan(a) || std::isnan(b) ? NAN : (a > b ? a : b);
      case BinaryOp::minimum: return std::isnan(a) || std::isnan(b) ? NAN : (a < b ? a : b);
      case BinaryOp::floor_divide: return static_cast<T>(std::floor(x / y));
      case BinaryOp::mod: {
        double r = std::fmod(x, y);
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return static_cast<T>(r);
      }
      default: break;
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    switch (op) {
      case BinaryOp::add:
      case BinaryOp::maximum: return a || b;
      case BinaryOp::multiply:
      case BinaryOp::minimum: return a && b;
      case BinaryOp::subtract: return a != b;
      default: return a;
    }
  } else {
    using U = std::make_unsigned_t<T>;
    switch (op) {
      // Integer arithmetic wraps (two's complement), as in NumPy/JAX: done in unsigned.
      case BinaryOp::add: return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
      case BinaryOp::subtract: return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
      case BinaryOp::multiply: return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
      case BinaryOp::divide: return b == 0 ? T(0) : static_cast<T>(a / b);
      case BinaryOp::power: {
        if (b < 0) return a == 1 ? T(1) : T(0);  // negative exponents: 1 for a == 1, else 0
        U result = 1, base = static_cast<U>(a);  // exponentiation by squaring
        for (auto e = static_cast<U>(b); e; e >>= 1, base *= base)
          if (e & 1) result *= base;
        return static_cast<T>(result);
      }
      case BinaryOp::maximum: return a > b ? a : b;
      case BinaryOp::minimum: return a < b ? a : b;
      // Python semantics: floor division and a remainder with the divisor's sign.
      case BinaryOp::floor_divide: {
        if (b == 0) return T(0);
        // MIN / -1 overflows (and traps on x86): it wraps to MIN, as NumPy's result does.
        if constexpr (std::is_signed_v<T>)
          if (b == T(-1)) return static_cast<T>(U(0) - static_cast<U>(a));
        T q = static_cast<T>(a / b);
        if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
        return q;
      }
      case BinaryOp::mod: {
        if (b == 0) return T(0);
        if constexpr (std::is_signed_v<T>)
          if (b == T(-1)) return T(0);
        T r = static_cast<T>(a % b);
        if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
        return r;
      }
      default: break;
    }
  }
  return a;
}

// Integer inputs only reach exact ops (negative, abs, sign, square, relu, relu6, round...);
// they are computed in T (wrapping), since a double cannot hold every int64.
template <class T>
T apply_unary_integer(UnaryOp op, T x, double alpha) {
  if constexpr (std::is_same_v<T, bool> || std::is_unsigned_v<T>) {
    if (op == UnaryOp::negative && !std::is_same_v<T, bool>) return static_cast<T>(T(0) - x);
    if (op == UnaryOp::square) return static_cast<T>(x * x);
    return static_cast<T>(apply_unary(op, static_cast<double>(x), alpha));
  } else {
    using U = std::make_unsigned_t<T>;
    switch (op) {
      case UnaryOp::negative: return static_cast<T>(U(0) - static_cast<U>(x));
      case UnaryOp::abs: return x < 0 ? static_cast<T>(U(0) - static_cast<U>(x)) : x;
      case UnaryOp::sign: return static_cast<T>((T(0) < x) - (x < T(0)));
      case UnaryOp::square: return static_cast<T>(static_cast<U>(x) * static_cast<U>(x));
      case UnaryOp::relu: return x < 0 ? T(0) : x;
      case UnaryOp::round:
      case UnaryOp::floor:
      case UnaryOp::ceil: return x;
      default: return static_cast<T>(apply_unary(op, static_cast<double>(x), alpha));
    }
  }
}

template <class T>
bool apply_compare(BinaryOp op, T a, T b) {
  switch (op) {
    case BinaryOp::equal: return a == b;
    case BinaryOp::not_equal: return a != b;
    case BinaryOp::less: return a < b;
    case BinaryOp::less_equal: return a <= b;
    case BinaryOp::greater: return a > b;
    case BinaryOp::greater_equal: return a >= b;
    case BinaryOp::logical_and: return a != T(0) && b != T(0);
    case BinaryOp::logical_or: return a != T(0) || b != T(0);
    case BinaryOp::logical_xor: return (a != T(0)) != (b != T(0));
    default: return false;
  }
}
}  // namespace

void ReferenceBackend::unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
                             double alpha) {
  dispatch_dtype(dtype, [&]<class T>() {
    const T* x = static_cast<const T*>(in.data());
    if (is_predicate(op)) {
      bool* y = static_cast<bool*>(out.data());
      for (std::int64_t i = 0; i < n; ++i)
        y[i] = apply_unary(op, static_cast<double>(x[i]), alpha) != 0;
      return;
    }
    T* y = static_cast<T*>(out.data());
    for (std::int64_t i = 0; i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>) {
        // Sign changes are bit operations (in XLA too): a subnormal passes through them,
        // where the trip through double would flush it (flush_subnormals.hpp).
        if (op == UnaryOp::negative) y[i] = -x[i];
        else if (op == UnaryOp::abs) y[i] = std::fabs(x[i]);
        else y[i] = static_cast<T>(apply_unary(op, static_cast<double>(x[i]), alpha));
      } else {
        y[i] = apply_unary_integer(op, x[i], alpha);
      }
    }
  });
}

void ReferenceBackend::binary(BinaryOp op, const StridedInput& a, const StridedInput& b,
                              Buffer& out, const Shape& out_shape, DType in) {
  std::vector<std::int64_t> out_strides = out_shape.strides();
  dispatch_dtype(in, [&]<class T>() {
    const T* pa = static_cast<const T*>(a.buffer->data());
    const T* pb = static_cast<const T*>(b.buffer->data());
    if (is_comparison(op)) {
      bool* po = static_cast<bool*>(out.data());
      for_each_index<3>(out_shape, {&a.strides, &b.strides, &out_strides}, {0, 0, 0},
                        [&](const std::array<std::int64_t, 3>& o) {
                          po[o[2]] = apply_compare<T>(op, pa[o[0]], pb[o[1]]);
                        });
    } else {
      T* po = static_cast<T*>(out.data());
      for_each_index<3>(out_shape, {&a.strides, &b.strides, &out_strides}, {0, 0, 0},
                        [&](const std::array<std::int64_t, 3>& o) {
                          po[o[2]] = apply_binary<T>(op, pa[o[0]], pb[o[1]]);
                        });
    }
  });
}

void ReferenceBackend::where(const StridedInput& cond, const StridedInput& a, const StridedInput& b,
                             Buffer& out, const Shape& out_shape, DType dtype) {
  std::vector<std::int64_t> out_strides = out_shape.strides();
  const bool* pc = static_cast<const bool*>(cond.buffer->data());
  dispatch_dtype(dtype, [&]<class T>() {
    const T* pa = static_cast<const T*>(a.buffer->data());
    const T* pb = static_cast<const T*>(b.buffer->data());
    T* po = static_cast<T*>(out.data());
    for_each_index<4>(
        out_shape, {&cond.strides, &a.strides, &b.strides, &out_strides}, {0, 0, 0, 0},
        [&](const std::array<std::int64_t, 4>& o) { po[o[3]] = pc[o[0]] ? pa[o[1]] : pb[o[2]]; });
  });
}

}  // namespace keras::backend
