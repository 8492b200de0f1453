// Elementwise binary kernels for the blas backend. The broadcast pattern is reduced to
// (outer, inner) rows where each operand is contiguous, a repeated row (bias add), a value per
// row (x - max(x, -1, keepdims)) or a scalar; the row loops are plain loops the compiler
// vectorises. Other patterns and dtypes use the reference kernel.
#include <cmath>
#include <type_traits>
#include <vector>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;

// How an operand is read in the (outer, inner) view: element (o, i) is at
// o * outer_step + i * inner_step (each step 0 or its natural value).
struct Access {
  Idx outer_step = 0, inner_step = 0;
};
struct Plan {
  Idx outer = 1, inner = 1;
  Access a, b;
};

// Finds a plan or returns false. Dims of extent 1 are dropped first. On the stack (a batch-1
// forward pass is mostly small ops, whose heap allocations cost more than their arithmetic):
// shapes of more than kMaxRank dims take the reference kernel.
constexpr int kMaxRank = 8;
bool make_plan(const Shape& shape, const std::vector<Idx>& sa, const std::vector<Idx>& sb,
               Plan& plan) {
  if (shape.rank() > kMaxRank) return false;
  Idx dims[kMaxRank], as[kMaxRank], bs[kMaxRank];
  std::size_t rank = 0;
  for (int d = 0; d < shape.rank(); ++d)
    if (shape[d] != 1) {
      dims[rank] = shape[d];
      as[rank] = sa[static_cast<std::size_t>(d)];
      bs[rank] = sb[static_cast<std::size_t>(d)];
      ++rank;
    }
  Idx contig[kMaxRank + 1];  // contig[d] = prod(dims[d..])
  contig[rank] = 1;
  for (std::size_t d = rank; d-- > 0;) contig[d] = contig[d + 1] * dims[d];
  for (std::size_t split = 0; split <= rank; ++split) {
    const Idx inner = contig[split];
    auto classify = [&](const Idx* s, Access& acc) {
      bool outer_zero = true, outer_full = true, outer_col = true;
      bool inner_zero = true, inner_full = true;
      for (std::size_t d = 0; d < split; ++d) {
        outer_zero = outer_zero && s[d] == 0;
        outer_full = outer_full && s[d] == contig[d + 1];
        outer_col = outer_col && s[d] == contig[d + 1] / inner;
      }
      for (std::size_t d = split; d < rank; ++d) {
        inner_zero = inner_zero && s[d] == 0;
        inner_full = inner_full && s[d] == contig[d + 1];
      }
      if (inner_full && (outer_full || outer_zero)) {
        acc = {outer_zero ? 0 : inner, 1};
        return true;
      }
      if (inner_zero && (outer_col || outer_zero)) {
        acc = {outer_zero ? 0 : 1, 0};
        return true;
      }
      return false;
    };
    if (classify(as, plan.a) && classify(bs, plan.b)) {
      plan.outer = contig[0] / inner;
      plan.inner = inner;
      return true;
    }
  }
  return false;
}

// Runs out[k] = f(a[k * SA], b[k * SB]) for k < n; SA, SB in {0, 1}.
template <int SA, int SB, class T, class U, class F>
void segment(const T* __restrict a, const T* __restrict b, U* __restrict out, Idx n, F f) {
  for (Idx k = 0; k < n; ++k) out[k] = f(a[k * SA], b[k * SB]);
}

// The same with the result written over `a` (ops hand over a temporary's storage as `out`).
template <int SB, class T, class F>
void segment_in_place(T* __restrict a_out, const T* __restrict b, Idx n, F f) {
  for (Idx k = 0; k < n; ++k) a_out[k] = f(a_out[k], b[k * SB]);
}

// One row segment of a plan, by the operands' steps.
template <class T, class U, class F>
void run_segment(const Plan& p, const T* a, const T* b, U* out, Idx n, F f) {
  if constexpr (std::is_same_v<T, U>) {
    if (p.a.inner_step && a == out) {  // out is a's own storage: an op given a temporary
      if (p.b.inner_step) segment_in_place<1>(out, b, n, f);
      else segment_in_place<0>(out, b, n, f);
      return;
    }
  }
  if (p.a.inner_step && p.b.inner_step) segment<1, 1>(a, b, out, n, f);
  else if (p.a.inner_step) segment<1, 0>(a, b, out, n, f);
  else if (p.b.inner_step) segment<0, 1>(a, b, out, n, f);
  else segment<0, 0>(a, b, out, n, f);
}

template <class T, class U, class F>
void run_plan(const Plan& p, const T* a, const T* b, U* out, F f) {
  const Idx total = p.outer * p.inner;
  threading::parallel_for_balanced(total, blas_detail::kGrain, [&](Idx begin, Idx end) {
    Idx o = begin / p.inner, i = begin % p.inner, pos = begin;
    while (pos < end) {
      const Idx len = std::min(p.inner - i, end - pos);
      run_segment(p, a + o * p.a.outer_step + i * p.a.inner_step,
                  b + o * p.b.outer_step + i * p.b.inner_step, out + pos, len, f);
      pos += len;
      i = 0;
      ++o;
    }
  });
}

// Integer add/subtract/multiply are computed in the unsigned type: two's-complement wrapping
// as in NumPy/JAX (and the reference), without signed-overflow undefined behaviour.
template <class T>
struct wrapping {
  using type = T;
};
template <class T>
requires std::is_integral_v<T>
struct wrapping<T> {
  using type = std::make_unsigned_t<T>;
};

template <class T>
bool binary_typed(BinaryOp op, const Plan& p, const void* va, const void* vb, void* vo) {
  using W = typename wrapping<T>::type;
  const T* a = static_cast<const T*>(va);
  const T* b = static_cast<const T*>(vb);
  bool* ob = static_cast<bool*>(vo);
  T* o = static_cast<T*>(vo);
  constexpr bool fp = std::is_floating_point_v<T>;
  switch (op) {
    case BinaryOp::add: run_plan(p, a, b, o, [](T x, T y) { return T(W(x) + W(y)); }); return true;
    case BinaryOp::subtract:
      run_plan(p, a, b, o, [](T x, T y) { return T(W(x) - W(y)); });
      return true;
    case BinaryOp::multiply:
      run_plan(p, a, b, o, [](T x, T y) { return T(W(x) * W(y)); });
      return true;
    // NaN propagates (x != x only for NaN); ties return y, as the reference does.
    case BinaryOp::maximum:
      run_plan(p, a, b, o, [](T x, T y) { return (x > y || x != x) ? x : y; });
      return true;
    case BinaryOp::minimum:
      run_plan(p, a, b, o, [](T x, T y) { return (x < y || x != x) ? x : y; });
      return true;
    case BinaryOp::equal: run_plan(p, a, b, ob, [](T x, T y) { return x == y; }); return true;
    case BinaryOp::not_equal: run_plan(p, a, b, ob, [](T x, T y) { return x != y; }); return true;
    case BinaryOp::less: run_plan(p, a, b, ob, [](T x, T y) { return x < y; }); return true;
    case BinaryOp::less_equal: run_plan(p, a, b, ob, [](T x, T y) { return x <= y; }); return true;
    case BinaryOp::greater: run_plan(p, a, b, ob, [](T x, T y) { return x > y; }); return true;
    case BinaryOp::greater_equal:
      run_plan(p, a, b, ob, [](T x, T y) { return x >= y; });
      return true;
    case BinaryOp::logical_and:
      run_plan(p, a, b, ob, [](T x, T y) { return x != T(0) && y != T(0); });
      return true;
    case BinaryOp::logical_or:
      run_plan(p, a, b, ob, [](T x, T y) { return x != T(0) || y != T(0); });
      return true;
    case BinaryOp::logical_xor:
      run_plan(p, a, b, ob, [](T x, T y) { return (x != T(0)) != (y != T(0)); });
      return true;
    default: break;
  }
  if constexpr (fp) {
    // Division is correctly rounded in float as in double; the rest are computed in double
    // exactly as the reference computes them.
    switch (op) {
      case BinaryOp::divide: run_plan(p, a, b, o, [](T x, T y) { return T(x / y); }); return true;
      case BinaryOp::power:
        run_plan(p, a, b, o, [](T x, T y) { return T(std::pow(double(x), double(y))); });
        return true;
      case BinaryOp::floor_divide:
        run_plan(p, a, b, o, [](T x, T y) { return T(std::floor(double(x) / double(y))); });
        return true;
      case BinaryOp::mod:
        run_plan(p, a, b, o, [](T x, T y) {
          double r = std::fmod(double(x), double(y));
          if (r != 0 && ((r < 0) != (y < 0))) r += double(y);
          return T(r);
        });
        return true;
      default: break;
    }
  }
  return false;  // integer division-like ops: the reference's integer semantics
}
}  // namespace

void BlasBackend::binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
                         const Shape& out_shape, DType in) {
  Plan plan;
  const bool typed =
      in == DType::float32 || in == DType::float64 || in == DType::int32 || in == DType::int64;
  if (typed && out_shape.size() > 0 && make_plan(out_shape, a.strides, b.strides, plan)) {
    const void* pa = a.buffer->data();
    const void* pb = b.buffer->data();
    void* po = out.data();
    bool done = false;
    switch (in) {
      case DType::float32: done = binary_typed<float>(op, plan, pa, pb, po); break;
      case DType::float64: done = binary_typed<double>(op, plan, pa, pb, po); break;
      case DType::int32: done = binary_typed<std::int32_t>(op, plan, pa, pb, po); break;
      case DType::int64: done = binary_typed<std::int64_t>(op, plan, pa, pb, po); break;
      default: break;
    }
    if (done) return;
  }
  ReferenceBackend::binary(op, a, b, out, out_shape, in);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
