// Memory-bound kernels of the blas backend: fill, cast, strided copy (dims merged, memcpy or
// tiled transpose inner loops), row gathers and sum/max/min reductions over the innermost or an
// outer axis.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "src/backends/convert_element.hpp"
#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/simd.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;
using blas_detail::kGrain;

template <class F>
void parallel(Idx n, Idx grain, F&& f) {
  threading::parallel_for_balanced(n, grain, f);
}

// ---- copy_strided ----------------------------------------------------------------------

struct CopyPlan {
  std::vector<Idx> dims, ss, ds;  // merged, outermost first
};

CopyPlan merge_dims(const Shape& shape, const std::vector<Idx>& ss, const std::vector<Idx>& ds) {
  CopyPlan p;
  for (int d = 0; d < shape.rank(); ++d) {
    const auto ud = static_cast<std::size_t>(d);
    if (shape[d] == 1) continue;
    if (!p.dims.empty() && p.ss.back() == ss[ud] * shape[d] && p.ds.back() == ds[ud] * shape[d]) {
      p.dims.back() *= shape[d];
      p.ss.back() = ss[ud];
      p.ds.back() = ds[ud];
      continue;
    }
    p.dims.push_back(shape[d]);
    p.ss.push_back(ss[ud]);
    p.ds.push_back(ds[ud]);
  }
  if (p.dims.empty()) p.dims = {1}, p.ss = {1}, p.ds = {1};
  return p;
}

// Copies with elements of type E (an unsigned integer of the element's size).
template <class E>
void copy_elements(const E* src, Idx src_off, E* dst, Idx dst_off, const CopyPlan& p) {
  const std::size_t rank = p.dims.size();
  // Tiled transpose when the destination is contiguous along the last dim and the source along
  // the one before it.
  const bool transpose = rank >= 2 && p.ds[rank - 1] == 1 && p.ss[rank - 1] != 1 &&
                         p.ss[rank - 2] == 1 && p.dims[rank - 1] >= 8 && p.dims[rank - 2] >= 8;
  const std::size_t loop_dims = transpose ? rank - 2 : rank - 1;
  Idx outer = 1;
  for (std::size_t d = 0; d < loop_dims; ++d) outer *= p.dims[d];
  Idx inner_work = 1;
  for (std::size_t d = loop_dims; d < rank; ++d) inner_work *= p.dims[d];
  parallel(outer, std::max<Idx>(1, kGrain / inner_work), [&](Idx b, Idx e) {
    for (Idx o = b; o < e; ++o) {
      Idx so = src_off, dof = dst_off, rem = o;
      for (std::size_t d = loop_dims; d-- > 0;) {
        const Idx i = rem % p.dims[d];
        rem /= p.dims[d];
        so += i * p.ss[d];
        dof += i * p.ds[d];
      }
      const E* s = src + so;
      E* t = dst + dof;
      if (transpose) {
        const Idx R = p.dims[rank - 2], C = p.dims[rank - 1];
        const Idx sc = p.ss[rank - 1], dr = p.ds[rank - 2];
        constexpr Idx kTile = 32;
        for (Idx r0 = 0; r0 < R; r0 += kTile)
          for (Idx c0 = 0; c0 < C; c0 += kTile) {
            const Idx r1 = std::min(R, r0 + kTile), c1 = std::min(C, c0 + kTile);
            for (Idx r = r0; r < r1; ++r)
              for (Idx c = c0; c < c1; ++c) t[r * dr + c] = s[r + c * sc];
          }
        continue;
      }
      const Idx n = p.dims[rank - 1], si = p.ss[rank - 1], di = p.ds[rank - 1];
      if (si == 1 && di == 1) std::memcpy(t, s, static_cast<std::size_t>(n) * sizeof(E));
      else if (si == 0 && di == 1) std::fill_n(t, n, *s);
      else
        for (Idx i = 0; i < n; ++i) t[i * di] = s[i * si];
    }
  });
}

// ---- reduce ----------------------------------------------------------------------------

// acc := v if v > acc or v is NaN: the result is NaN if any element is, else the maximum.
template <class T>
inline T max_step(T acc, T v) {
  return (v > acc || v != v) ? v : acc;
}
template <class T>
inline T min_step(T acc, T v) {
  return (v < acc || v != v) ? v : acc;
}

// Folds x[0, n) (n > 0) with the max/min rule, a batch at a time, then the lanes.
template <bool Max, class T>
T minmax_row(const T* x, Idx n) {
  using B = xsimd::batch<T>;
  constexpr Idx W = static_cast<Idx>(B::size);
  auto step = [](T a, T v) { return Max ? max_step(a, v) : min_step(a, v); };
  T r = x[0];
  Idx i = 0;
  if (n >= W) {
    B acc = B::load_unaligned(x);
    for (i = W; i + W <= n; i += W) {
      const B v = B::load_unaligned(x + i);
      acc = xsimd::select((Max ? v > acc : v < acc) | xsimd::isnan(v), v, acc);
    }
    alignas(64) T lanes[W];
    acc.store_aligned(lanes);
    for (Idx l = 0; l < W; ++l) r = step(r, lanes[l]);
  }
  for (; i < n; ++i) r = step(r, x[i]);
  return r;
}

// Reduces the contiguous x[0, n) (n > 0).
template <class T>
T reduce_row(ReduceOp op, const T* __restrict x, Idx n) {
  constexpr Idx L = 16;
  if (op == ReduceOp::sum) {
    double acc[L] = {};
    Idx i = 0;
    for (; i + L <= n; i += L)
      for (Idx l = 0; l < L; ++l) acc[l] += static_cast<double>(x[i + l]);
    double total = 0;
    for (; i < n; ++i) total += static_cast<double>(x[i]);
    for (Idx l = 0; l < L; ++l) total += acc[l];
    return static_cast<T>(total);
  }
  return op == ReduceOp::max ? minmax_row<true>(x, n) : minmax_row<false>(x, n);
}

template <class T>
void reduce_impl(ReduceOp op, const T* x, T* y, Idx outer, Idx reduced, Idx inner) {
  if (inner == 1) {
    parallel(outer, std::max<Idx>(1, kGrain / reduced), [&](Idx b, Idx e) {
      for (Idx o = b; o < e; ++o) y[o] = reduce_row(op, x + o * reduced, reduced);
    });
    return;
  }
  // Reduce an outer axis: accumulate whole rows, vectorised along the contiguous inner axis.
  // Work items are (outer, inner-block) pairs.
  constexpr Idx kBlock = 1024;
  const Idx blocks = (inner + kBlock - 1) / kBlock;
  parallel(outer * blocks, std::max<Idx>(1, kGrain / (reduced * std::min(inner, kBlock))),
           [&](Idx b, Idx e) {
             std::vector<double> acc(
                 op == ReduceOp::sum ? static_cast<std::size_t>(std::min(inner, kBlock)) : 0);
             for (Idx item = b; item < e; ++item) {
               const Idx o = item / blocks, i0 = (item % blocks) * kBlock;
               const Idx len = std::min(kBlock, inner - i0);
               const T* __restrict base = x + o * reduced * inner + i0;
               T* __restrict out = y + o * inner + i0;
               if (op == ReduceOp::sum) {
                 double* __restrict a = acc.data();
                 std::fill_n(a, len, 0.0);
                 for (Idx r = 0; r < reduced; ++r)
                   for (Idx i = 0; i < len; ++i) a[i] += static_cast<double>(base[r * inner + i]);
                 for (Idx i = 0; i < len; ++i) out[i] = static_cast<T>(a[i]);
               } else {
                 std::copy_n(base, len, out);
                 for (Idx r = 1; r < reduced; ++r) {
                   const T* __restrict row = base + r * inner;
                   if (op == ReduceOp::max)
                     for (Idx i = 0; i < len; ++i) out[i] = max_step(out[i], row[i]);
                   else
                     for (Idx i = 0; i < len; ++i) out[i] = min_step(out[i], row[i]);
                 }
               }
             }
           });
}
}  // namespace

void BlasBackend::fill(Buffer& out, DType dtype, std::int64_t n, double value) {
  if (is_storage_only(dtype)) return ReferenceBackend::fill(out, dtype, n, value);
  dispatch_dtype(dtype, [&]<class T>() {
    T* p = static_cast<T*>(out.data());
    const T v = keras::detail::convert_element<T>(value);
    const bool zero_bits = value == 0 && !std::signbit(value);
    parallel(n, 4 * kGrain, [&](Idx b, Idx e) {
      if (zero_bits) std::memset(p + b, 0, static_cast<std::size_t>(e - b) * sizeof(T));
      else std::fill(p + b, p + e, v);
    });
  });
}

void BlasBackend::cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) {
  if (is_storage_only(from) || is_storage_only(to))
    return ReferenceBackend::cast(in, from, out, to, n);
  dispatch_dtype(from, [&]<class S>() {
    dispatch_dtype(to, [&]<class D>() {
      const S* __restrict src = static_cast<const S*>(in.data());
      D* __restrict dst = static_cast<D*>(out.data());
      parallel(n, kGrain, [&](Idx b, Idx e) {
        if constexpr (std::is_same_v<S, D>) {
          std::memcpy(dst + b, src + b, static_cast<std::size_t>(e - b) * sizeof(S));
        } else {
          for (Idx i = b; i < e; ++i) {
            dst[i] = keras::detail::convert_element<D>(src[i]);
          }
        }
      });
    });
  });
}

namespace {
// Calls f with each flag as a std::bool_constant, so that f's loop is compiled once per
// combination with the flags as constants.
template <class F>
void with_flags(bool a, bool b, bool c, F&& f) {
  auto pick = [](bool v, auto g) { v ? g(std::true_type{}) : g(std::false_type{}); };
  pick(a, [&](auto x) { pick(b, [&](auto y) { pick(c, [&](auto z) { f(x, y, z); }); }); });
}

// o[i] = c[i] ? a[i] : b[i] over [first, last), each operand indexed at 0 instead when it is a
// single value, selecting bits through masks built from the bools. The plain `c ? a : b` stays a
// branch per element (no compiler here vectorizes it, and xsimd's load of bools is a scalar
// loop), and relu's gradient, a random condition, took a quarter of a CNN's training step.
template <class T, bool SingleC, bool SingleA, bool SingleB>
void select_range(const bool* __restrict c, const T* __restrict a, const T* __restrict b,
                  T* __restrict o, Idx first, Idx last) {
  using U = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;
  using B = xsimd::batch<T>;
  using BU = xsimd::batch<U>;
  constexpr Idx W = static_cast<Idx>(B::size);
  const B a0(a[0]), b0(b[0]);
  Idx i = first;
  for (; i + W <= last; i += W) {
    alignas(64) U flags[W];
    for (Idx j = 0; j < W; ++j) flags[j] = static_cast<U>(c[SingleC ? 0 : i + j]);
    const BU flag = BU::load_aligned(flags);
    const B keep = xsimd::bitwise_cast<B>(BU(U(0)) - flag);  // all ones where c
    const B drop = xsimd::bitwise_cast<B>(flag - BU(U(1)));  // all ones where !c
    const B x = SingleA ? a0 : B::load_unaligned(a + i);
    const B y = SingleB ? b0 : B::load_unaligned(b + i);
    xsimd::bitwise_or(xsimd::bitwise_and(x, keep), xsimd::bitwise_and(y, drop))
        .store_unaligned(o + i);
  }
  for (; i < last; ++i) o[i] = c[SingleC ? 0 : i] ? a[SingleA ? 0 : i] : b[SingleB ? 0 : i];
}
}  // namespace

// The shapes relu's gradient and masks take: each operand the whole output (contiguous) or one
// value; any other broadcast runs on the reference.
void BlasBackend::where(const StridedInput& cond, const StridedInput& a, const StridedInput& b,
                        Buffer& out, const Shape& out_shape, DType dtype) {
  const std::vector<Idx> whole = out_shape.strides();
  auto scalar = [](const StridedInput& s) {
    return std::all_of(s.strides.begin(), s.strides.end(), [](Idx v) { return v == 0; });
  };
  auto fits = [&](const StridedInput& s) { return s.strides == whole || scalar(s); };
  const Idx n = out_shape.size();
  if (n == 0 || (dtype != DType::float32 && dtype != DType::float64) || !fits(cond) || !fits(a) ||
      !fits(b))
    return ReferenceBackend::where(cond, a, b, out, out_shape, dtype);
  const bool one_c = scalar(cond), one_a = scalar(a), one_b = scalar(b);
  dispatch_dtype(dtype, [&]<class T>() {
    const auto* __restrict c = static_cast<const bool*>(cond.buffer->data());
    const T* __restrict pa = static_cast<const T*>(a.buffer->data());
    const T* __restrict pb = static_cast<const T*>(b.buffer->data());
    T* __restrict po = static_cast<T*>(out.data());
    if constexpr (std::is_floating_point_v<T>) {  // float32 and float64 only reach this point
      with_flags(one_c, one_a, one_b, [&](auto single_c, auto single_a, auto single_b) {
        parallel(n, kGrain, [&](Idx first, Idx last) {
          select_range<T, single_c, single_a, single_b>(c, pa, pb, po, first, last);
        });
      });
    }
  });
}

void BlasBackend::copy_strided(const Buffer& src, std::int64_t src_offset,
                               const std::vector<std::int64_t>& src_strides, Buffer& dst,
                               std::int64_t dst_offset,
                               const std::vector<std::int64_t>& dst_strides, const Shape& shape,
                               DType dtype) {
  if (shape.size() == 0) return;
  const CopyPlan plan = merge_dims(shape, src_strides, dst_strides);
  switch (dtype_size(dtype)) {
    case 1:
      return copy_elements(static_cast<const std::uint8_t*>(src.data()), src_offset,
                           static_cast<std::uint8_t*>(dst.data()), dst_offset, plan);
    case 2:
      return copy_elements(static_cast<const std::uint16_t*>(src.data()), src_offset,
                           static_cast<std::uint16_t*>(dst.data()), dst_offset, plan);
    case 4:
      return copy_elements(static_cast<const std::uint32_t*>(src.data()), src_offset,
                           static_cast<std::uint32_t*>(dst.data()), dst_offset, plan);
    case 8:
      return copy_elements(static_cast<const std::uint64_t*>(src.data()), src_offset,
                           static_cast<std::uint64_t*>(dst.data()), dst_offset, plan);
    default:
      return ReferenceBackend::copy_strided(src, src_offset, src_strides, dst, dst_offset,
                                            dst_strides, shape, dtype);
  }
}

// Rows of `inner` elements picked by index (fit's shuffled batches: 128 rows of 784 floats),
// copied whole and in parallel.
void BlasBackend::gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
                         std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                         DType dtype) {
  const auto row = static_cast<std::size_t>(inner) * dtype_size(dtype);
  if (row < 64)
    return ReferenceBackend::gather(in, indices, out, outer, axis_len, inner, n_indices, dtype);
  const auto* idx = static_cast<const std::int64_t*>(indices.data());
  const auto* src = static_cast<const std::uint8_t*>(in.data());
  auto* dst = static_cast<std::uint8_t*>(out.data());
  const Idx rows = outer * n_indices;
  parallel(rows, std::max<Idx>(1, blas_detail::kGrain / inner), [&](Idx r0, Idx r1) {
    for (Idx r = r0; r < r1; ++r) {
      const Idx o = r / n_indices, j = r % n_indices;
      std::memcpy(dst + static_cast<std::size_t>(r) * row,
                  src + static_cast<std::size_t>(o * axis_len + idx[j]) * row, row);
    }
  });
}

void BlasBackend::reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                         std::int64_t reduced, std::int64_t inner, DType dtype) {
  const bool fast_op = op == ReduceOp::sum || op == ReduceOp::max || op == ReduceOp::min;
  if (!fast_op || reduced <= 0 || (dtype != DType::float32 && dtype != DType::float64))
    return ReferenceBackend::reduce(op, in, out, outer, reduced, inner, dtype);
  if (dtype == DType::float32)
    reduce_impl(op, static_cast<const float*>(in.data()), static_cast<float*>(out.data()), outer,
                reduced, inner);
  else
    reduce_impl(op, static_cast<const double*>(in.data()), static_cast<double*>(out.data()), outer,
                reduced, inner);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
