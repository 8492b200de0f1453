#pragma once
// Internal: register-blocked GEMM micro-kernels on xsimd batches, used by the convolution
// drivers (conv.cpp). They beat OpenBLAS on convolution shapes (a long M, a short N = output
// channels, K = taps * channels) because the left operand is read in place through row
// pointers (no im2col copy, no packing of the big operand) and only the small weight matrix
// is packed into panels of NV vectors.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/simd.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail {

using Idx = std::int64_t;

template <class T>
inline constexpr Idx kLanes = static_cast<Idx>(xsimd::batch<T>::size);

// Register tiles (rows MR x NV vectors): accumulators + NV loads + 1 broadcast must fit.
#if defined(__AVX512F__)
constexpr int rows_for(int nv) { return nv == 4 ? 6 : 8; }
constexpr int kMaxVectors = 4;
#else
constexpr int rows_for(int nv) { return nv == 2 ? 4 : 6; }
constexpr int kMaxVectors = 2;
#endif

// The panel width (in vectors) for `cols` output columns: the widest that pads least.
template <class T>
int vectors_for(Idx cols) {
  constexpr Idx W = kLanes<T>;
  int best = 1;
  for (int nv = 2; nv <= kMaxVectors; nv *= 2)
    if (cols > (nv / 2) * W &&
        (cols + nv * W - 1) / (nv * W) * nv <= (cols + best * W - 1) / (best * W) * best)
      best = nv;
  return best;
}

// Calls f(std::integral_constant<int, MR>, std::integral_constant<int, NV>) with the tile
// that suits `cols` output columns; `rows` (when known to be small) lets a taller tile cover
// all rows at once.
template <class T, class F>
decltype(auto) with_tile(Idx cols, F&& f, Idx rows = 1 << 30) {
  using std::integral_constant;
  const int nv = vectors_for<T>(cols);
  if constexpr (kMaxVectors >= 4)
    if (nv == 4) return f(integral_constant<int, rows_for(4)>{}, integral_constant<int, 4>{});
  if (nv == 2) {
    if constexpr (kMaxVectors >= 4)
      if (rows <= 12 && rows > rows_for(2))
        return f(integral_constant<int, 12>{}, integral_constant<int, 2>{});
    return f(integral_constant<int, rows_for(2)>{}, integral_constant<int, 2>{});
  }
  return f(integral_constant<int, rows_for(1)>{}, integral_constant<int, 1>{});
}

// Gathered rows: C[i][j] = sum_{t < taps, c < depth} a[t * MR + i][c] * b[t * depth + c][j]
// for i < MR, j < NR = NV * lanes. b's rows are ldb apart: a packed panel (ldb = NR), or, for a
// product of a few rows, b as it is stored (ldb = its row length: packing it would cost more
// than the product). a holds one row pointer per tap and row (a pointer to zeros stands for
// padding). C is stored with row stride ldc.
template <class T, int MR, int NV>
inline void micro_gather(const T* const* a, Idx taps, Idx depth, const T* b, T* c, Idx ldc,
                         Idx ldb = NV * kLanes<T>) {
  using B = xsimd::batch<T>;
  constexpr Idx W = kLanes<T>;
  B acc[MR][NV];
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j] = B(T(0));
  for (Idx t = 0; t < taps; ++t) {
    const T* rows[MR];
    for (int i = 0; i < MR; ++i) rows[i] = a[t * MR + i];
    for (Idx k = 0; k < depth; ++k, b += ldb) {
      B bv[NV];
      for (int j = 0; j < NV; ++j) bv[j] = B::load_unaligned(b + j * W);
      for (int i = 0; i < MR; ++i) {
        const B av(rows[i][k]);
        for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(av, bv[j], acc[i][j]);
      }
    }
  }
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j].store_unaligned(c + i * ldc + j * W);
}

// Streamed rows: C[i][j] += sum_{r < rows} a[r * lda + i] * b[r * ldb + j] for i < MR,
// j < NV * lanes (the transposed-left GEMM of a filter gradient).
template <class T, int MR, int NV>
inline void micro_stream(const T* a, Idx lda, const T* b, Idx ldb, Idx rows, T* c, Idx ldc) {
  using B = xsimd::batch<T>;
  constexpr Idx W = kLanes<T>;
  B acc[MR][NV];
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j] = B::load_unaligned(c + i * ldc + j * W);
  for (Idx r = 0; r < rows; ++r, a += lda, b += ldb) {
    B bv[NV];
    for (int j = 0; j < NV; ++j) bv[j] = B::load_unaligned(b + j * W);
    for (int i = 0; i < MR; ++i) {
      const B av(a[i]);
      for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(av, bv[j], acc[i][j]);
    }
  }
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j].store_unaligned(c + i * ldc + j * W);
}

// Streamed rows read in place: C[i][j] += sum_{r < rows} a[i][roff[r]] * b[r * ldb + j], i.e.
// row r of the left operand is the MR values at a[i] + roff[r] (no im2col copy).
template <class T, int MR, int NV>
inline void micro_stream_gather(const T* const* a, const Idx* roff, const T* b, Idx ldb, Idx rows,
                                T* c, Idx ldc) {
  using B = xsimd::batch<T>;
  constexpr Idx W = kLanes<T>;
  B acc[MR][NV];
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j] = B::load_unaligned(c + i * ldc + j * W);
  const T* base[MR];
  for (int i = 0; i < MR; ++i) base[i] = a[i];
  for (Idx r = 0; r < rows; ++r, b += ldb) {
    const Idx o = roff[r];
    B bv[NV];
    for (int j = 0; j < NV; ++j) bv[j] = B::load_unaligned(b + j * W);
    for (int i = 0; i < MR; ++i) {
      const B av(base[i][o]);
      for (int j = 0; j < NV; ++j) acc[i][j] = xsimd::fma(av, bv[j], acc[i][j]);
    }
  }
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NV; ++j) acc[i][j].store_unaligned(c + i * ldc + j * W);
}

// Runs the gathered micro-kernel over row tiles [tb, te) of a GEMM with `rows` rows: for the
// tile of rows [r0, r0 + MR), tile_ptrs(r0, valid, ptrs) sets ptrs[t * MR + i] to the `depth`
// values row r0 + i reads at tap t (rows past `valid` repeat a valid row). Writes `cols`
// columns of out (row stride ldo).
template <class T, int MR, int NV, class TilePtrs>
void gather_tiles(Idx tb, Idx te, Idx rows, Idx taps, Idx depth, const T* packed, Idx cols, T* out,
                  Idx ldo, TilePtrs tile_ptrs) {
  constexpr Idx NR = NV * kLanes<T>;

  std::vector<const T*> ptrs(static_cast<std::size_t>(taps * MR));
  alignas(64) T tile[MR * NR];
  for (Idx tl = tb; tl < te; ++tl) {
    const Idx r0 = tl * MR, valid = std::min<Idx>(MR, rows - r0);
    tile_ptrs(r0, valid, ptrs.data());
    for (Idx pn = 0; pn * NR < cols; ++pn) {
      const T* b = packed + pn * taps * depth * NR;
      T* dst = out + r0 * ldo + pn * NR;
      const Idx ncols = std::min(NR, cols - pn * NR);
      if (valid == MR && ncols == NR) {
        micro_gather<T, MR, NV>(ptrs.data(), taps, depth, b, dst, ldo);
        continue;
      }
      micro_gather<T, MR, NV>(ptrs.data(), taps, depth, b, tile, NR);
      for (Idx i = 0; i < valid; ++i) std::copy_n(tile + i * NR, ncols, dst + i * ldo);
    }
  }
}

// gather_tiles over all `rows` rows of a one-tap GEMM whose row r is row_ptr(r).
template <class T, int MR, int NV, class RowPtr>
void gather_tiles_rows(Idx rows, Idx depth, const T* packed, Idx cols, T* out, Idx ldo,
                       RowPtr row_ptr) {
  gather_tiles<T, MR, NV>(0, (rows + MR - 1) / MR, rows, 1, depth, packed, cols, out, ldo,
                          [&](Idx r0, Idx valid, const T** ptrs) {
                            for (Idx i = 0; i < MR; ++i)
                              ptrs[i] = row_ptr(r0 + std::min(i, valid - 1));
                          });
}

// Packs b(k, j) (k < depth_total, j < cols) into panels [cols / NR][depth_total][NR],
// zero-padding the last panel. Lives in scratch slot 0.
template <class T, class Get>
const T* pack_panels(Idx depth_total, Idx cols, Idx NR, Get get) {
  const Idx panels = (cols + NR - 1) / NR;
  T* packed = scratch<T>(panels * depth_total * NR, 0);
  for (Idx pn = 0; pn < panels; ++pn)
    for (Idx k = 0; k < depth_total; ++k) {
      T* dst = packed + (pn * depth_total + k) * NR;
      for (Idx j = 0; j < NR; ++j) dst[j] = pn * NR + j < cols ? get(k, pn * NR + j) : T(0);
    }
  return packed;
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail
