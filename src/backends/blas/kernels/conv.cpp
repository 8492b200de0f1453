// Convolution for the blas backend (float32 and float64, 1-3 spatial dims, any stride,
// dilation, padding and groups), on the register-blocked micro-kernels of gemm_kernels.hpp:
//  - forward: Winograd F(2x2, 3x3) (winograd.hpp) for 3x3 unit-stride single-group 2-D
//    convolutions with >= 8 channels each side; otherwise an implicit GEMM: each output row
//    gathers its input rows through a per-call table of tap offsets (padding points at a zero
//    row), so nothing is copied but the weights, packed into panels once per call.
//  - data gradient: dcol = dy . w^T in cache-sized row chunks (the same micro-kernel, the
//    weights packed transposed), then col2im; threads own whole images of dx. (Computing it
//    as a convolution of dy with the flipped kernel, directly or by Winograd, was no faster:
//    the zero-padded border taps cost what col2im saves.)
//  - filter gradient: dw += col^T . dy streamed over row blocks, reading x in place for
//    output positions whose taps are all inside the input and through a reused im2col block
//    for the others; threads own row ranges and sum their partial dw at the end.
// These loops run under threading::parallel_for and never call BLAS: on these shapes (long M,
// N = output channels, K = taps * channels) they run at the FMA peak, about twice OpenBLAS's
// sgemm on the same GEMM (which would also need the im2col copy).
#include <algorithm>
#include <limits>
#include <mutex>
#include <vector>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/conv_common.hpp"
#include "src/backends/blas/kernels/gemm_kernels.hpp"
#include "src/backends/blas/kernels/winograd.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using namespace blas_detail;

constexpr Idx kChunkBytes = 512 * 1024;     // dcol chunk of the data gradient
constexpr Idx kFilterBlockRows = 128;       // im2col block of the filter gradient
constexpr Idx kMinWorkPerThread = 1 << 18;  // multiply-adds

Idx round_up(Idx v, Idx m) { return (v + m - 1) / m * m; }
Idx ceil_div(Idx v, Idx m) { return (v + m - 1) / m; }

// gather_tiles's tile_ptrs for group g of the implicit GEMM D, the tile's rows counted from
// output row `first` (of the flattened (batch, out...) rows): each row's tap pointers are the
// row's base plus the tap's delta for interior positions (all of them without padding), else
// the tap table's offsets, padding reading `zeros`.
template <class T, int MR>
auto implicit_rows(const Implicit& D, const TapTable& tab, const T* x, const T* zeros, Idx g,
                   Idx first) {
  return [&D, &tab, x, zeros, g, first](Idx r0, Idx valid, const T** ptrs) {
    const Idx out_sp = D.out_sp(), taps = D.taps(), image = D.in_sp() * D.in_c;
    const Idx n0 = (first + r0) / out_sp, q0 = (first + r0) - n0 * out_sp;
    const T* rowp[MR];
    bool interior = true;
    for (Idx i = 0, n = n0, q = q0; i < MR; ++i) {
      interior = interior && tab.pix[q] >= 0;
      rowp[i] = x + n * image + g * D.in_cg + tab.pix[q];
      if (i + 1 < valid && ++q == out_sp) q = 0, ++n;
    }
    if (interior) {
      for (Idx t = 0; t < taps; ++t)
        for (Idx i = 0; i < MR; ++i) ptrs[t * MR + i] = rowp[i] + tab.delta[t];
      return;
    }
    for (Idx i = 0, n = n0, q = q0; i < MR; ++i) {
      const T* base = x + n * image + g * D.in_cg;
      const Idx* o = tab.off + q * taps;
      for (Idx t = 0; t < taps; ++t) ptrs[t * MR + i] = o[t] < 0 ? zeros : base + o[t];
      if (i + 1 < valid && ++q == out_sp) q = 0, ++n;
    }
  };
}

// out = the implicit-GEMM convolution D of x, then the epilogue; get_b(g, k, j) reads group g's
// weights.
template <class T, class GetB>
void implicit_conv(const Implicit& D, const T* x, T* y, GetB get_b, const Epilogue<T>& epilogue) {
  const Idx taps = D.taps(), depth = D.in_cg, rows = D.rows();
  if (rows == 0 || D.out_cg == 0) return;
  const TapTable tab = tap_table(D);
  T* zeros = scratch<T>(depth, 1);
  std::fill_n(zeros, std::max<Idx>(depth, 1), T(0));
  with_tile<T>(D.out_cg, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx work = MR * taps * depth * round_up(D.out_cg, NR);
    const Idx grain = std::max<Idx>(1, kMinWorkPerThread / std::max<Idx>(1, work));
    for (Idx g = 0; g < D.groups; ++g) {
      const T* packed =
          pack_panels<T>(taps * depth, D.out_cg, NR, [&](Idx k, Idx j) { return get_b(g, k, j); });
      threading::parallel_for(ceil_div(rows, MR), grain, [&](Idx tb, Idx te) {
        gather_tiles<T, MR, NV>(tb, te, rows, taps, depth, packed, D.out_cg, y + g * D.out_cg,
                                D.out_c, implicit_rows<T, MR>(D, tab, x, zeros, g, 0));
        // The rows just written, while they are in cache.
        if (epilogue.any())
          for (Idx r = tb * MR; r < std::min(te * MR, rows); ++r)
            epilogue.apply(y + r * D.out_c + g * D.out_cg, g * D.out_cg, D.out_cg);
      });
    }
  });
}

// pooled[j] = the maximum of the 2x2 window at column 2j of two rows of `width` pixels of c
// channels (row stride width * c), NaN propagating, as pool_forward's max.
template <class T>
void max_pool_row_pair(const T* rows, Idx width, Idx c, T* pooled) {
  using B = xsimd::batch<T>;
  constexpr Idx L = kLanes<T>;
  constexpr T kLowest = -std::numeric_limits<T>::infinity();
  const T* second = rows + width * c;
  for (Idx j = 0; j < width / 2; ++j) {
    const T* taps[4] = {rows + 2 * j * c, rows + (2 * j + 1) * c, second + 2 * j * c,
                        second + (2 * j + 1) * c};
    T* out = pooled + j * c;
    Idx ch = 0;
    for (; ch + L <= c; ch += L) {
      B best(kLowest);
      for (const T* tap : taps) {
        const B v = B::load_unaligned(tap + ch);
        best = xsimd::select((v > best) | xsimd::isnan(v), v, best);
      }
      best.store_unaligned(out + ch);
    }
    for (; ch < c; ++ch) {
      T best = kLowest;
      for (const T* tap : taps) best = (tap[ch] > best || tap[ch] != tap[ch]) ? tap[ch] : best;
      out[ch] = best;
    }
  }
}

// implicit_conv (one group) followed by max pooling over 2x2 windows with stride 2: the two
// output rows under each pooled row are computed into a per-thread buffer and go through the
// epilogue there, and only their window maxima are written, so the convolution's output never
// leaves the cache.
template <class T, class GetB>
void implicit_conv_max_pool(const Implicit& D, const T* x, T* y, GetB get_b,
                            const Epilogue<T>& epilogue) {
  const Idx taps = D.taps(), depth = D.in_cg, C = D.out_c, OW = D.out[1], band = 2 * OW;
  const Idx pooled_rows = D.batch * (D.out[0] / 2);
  if (pooled_rows == 0 || OW / 2 == 0 || C == 0) return;
  const TapTable tab = tap_table(D);
  T* zeros = scratch<T>(depth, 1);
  std::fill_n(zeros, std::max<Idx>(depth, 1), T(0));
  with_tile<T>(C, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx work = band * taps * depth * round_up(C, NR);
    const Idx grain = std::max<Idx>(1, kMinWorkPerThread / std::max<Idx>(1, work));
    const T* packed =
        pack_panels<T>(taps * depth, C, NR, [&](Idx k, Idx j) { return get_b(0, k, j); });
    threading::parallel_for(pooled_rows, grain, [&](Idx pb, Idx pe) {
      T* rows = scratch<T>(band * C, 2);
      for (Idx p = pb; p < pe; ++p) {
        const Idx n = p / (D.out[0] / 2), ph = p % (D.out[0] / 2);
        const Idx first = (n * D.out[0] + 2 * ph) * OW;
        gather_tiles<T, MR, NV>(0, ceil_div(band, MR), band, taps, depth, packed, C, rows, C,
                                implicit_rows<T, MR>(D, tab, x, zeros, 0, first));
        if (epilogue.any())
          for (Idx r = 0; r < band; ++r) epilogue.apply(rows + r * C, 0, C);
        max_pool_row_pair(rows, OW, C, y + p * (OW / 2) * C);
      }
    });
  });
}

// Rows per dcol chunk: whole images when they fit, else a piece of one image.
Idx chunk_rows(const Implicit& D, Idx row_bytes) {
  const Idx out_sp = D.out_sp();
  const Idx budget = std::max<Idx>(1, kChunkBytes / std::max<Idx>(row_bytes, 1));
  if (budget >= out_sp) return out_sp * std::min(D.batch, budget / out_sp);
  return ceil_div(out_sp, ceil_div(out_sp, budget));
}

template <class T>
void conv_backward_data_impl(const Implicit& D, const T* dy, const T* w, T* dx) {
  const Idx image = D.in_sp() * D.in_c, taps = D.taps(), kcol = taps * D.in_cg;
  const Idx out_sp = D.out_sp();
  if (D.batch * image == 0) return;
  if (out_sp == 0 || D.out_cg == 0 || kcol == 0) return std::fill(dx, dx + D.batch * image, T(0));
  const TapTable tab = tap_table(D);
  with_tile<T>(kcol, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx ld = round_up(kcol, NR), chunk = chunk_rows(D, ld * static_cast<Idx>(sizeof(T)));
    const Idx grain = std::max<Idx>(1, kMinWorkPerThread / (out_sp * D.out_cg * ld));
    for (Idx g = 0; g < D.groups; ++g) {
      const T* packed = pack_panels<T>(
          D.out_cg, kcol, NR, [&](Idx co, Idx kc) { return w[kc * D.out_c + g * D.out_cg + co]; });
      // Each thread owns whole images of dx, so col2im needs no synchronisation.
      threading::parallel_for(D.batch, grain, [&](Idx nb, Idx ne) {
        if (g == 0) std::fill(dx + nb * image, dx + ne * image, T(0));
        T* dcol = scratch<T>(chunk * ld, 1);
        for (Idx r0 = nb * out_sp; r0 < ne * out_sp; r0 += chunk) {
          const Idx nr = std::min(chunk, ne * out_sp - r0);
          gather_tiles<T, MR, NV>(0, ceil_div(nr, MR), nr, 1, D.out_cg, packed, ld, dcol, ld,
                                  [&](Idx t0, Idx valid, const T** ptrs) {
                                    for (Idx i = 0; i < MR; ++i)
                                      ptrs[i] = dy + (r0 + t0 + std::min(i, valid - 1)) * D.out_c +
                                                g * D.out_cg;
                                  });
          col2im_rows(D, tab, dcol, g, r0, r0 + nr, ld, dx);
        }
      });
    }
  });
}

// dw += col^T . dy over rows [rb, re) of group g, into part (kp x np). Runs of rows whose taps
// are all inside the input read x in place (a row = its tap-0 pixel + per-column deltas);
// rows touching padding go through an im2col block.
template <class T, int MR, int NV>
void filter_rows(const Implicit& D, const TapTable& tab, const T* x, const T* dy, Idx g, Idx rb,
                 Idx re, Idx kp, Idx np, T* part) {
  constexpr Idx NR = NV * kLanes<T>;
  const Idx taps = D.taps(), cg = D.in_cg, kcol = taps * cg, out_sp = D.out_sp();
  const Idx image = D.in_sp() * D.in_c;
  const bool direct_dy = D.groups == 1 && D.out_c == np;
  T* col = scratch<T>(kFilterBlockRows * kp, 0);
  T* dyb = direct_dy ? nullptr : scratch<T>(kFilterBlockRows * np, 1);
  std::vector<Idx> roff(static_cast<std::size_t>(kFilterBlockRows));
  std::vector<const T*> cols(static_cast<std::size_t>(kp));  // x + delta of each column
  for (Idx k = 0; k < kp; ++k) {
    const Idx kk = k < kcol ? k : 0;  // padding columns repeat column 0 (results discarded)
    cols[static_cast<std::size_t>(k)] = x + tab.delta[kk / cg] + kk % cg;
  }
  for (Idx b0 = rb; b0 < re; b0 += kFilterBlockRows) {
    const Idx nb = std::min(kFilterBlockRows, re - b0);
    const T* b = dy + b0 * D.out_c;
    Idx ldb = D.out_c;
    if (!direct_dy) {
      for (Idx r = 0; r < nb; ++r) {
        std::copy_n(dy + (b0 + r) * D.out_c + g * D.out_cg, D.out_cg, dyb + r * np);
        std::fill(dyb + r * np + D.out_cg, dyb + (r + 1) * np, T(0));
      }
      b = dyb;
      ldb = np;
    }
    Idx n = b0 / out_sp, q = b0 - n * out_sp;  // image and position of row b0 + r0
    for (Idx r0 = 0; r0 < nb;) {
      const bool inside = tab.pix[q] >= 0;
      const Idx q0 = q, n0 = n;
      Idx r1 = r0;
      for (; r1 < nb && (tab.pix[q] >= 0) == inside; ++r1) {
        if (inside) roff[static_cast<std::size_t>(r1 - r0)] = n * image + g * cg + tab.pix[q];
        if (++q == out_sp) q = 0, ++n;
      }
      const T* bb = b + r0 * ldb;
      if (inside) {
        for (Idx i = 0; i < kp; i += MR)
          for (Idx j = 0; j < np; j += NR)
            micro_stream_gather<T, MR, NV>(cols.data() + i, roff.data(), bb + j, ldb, r1 - r0,
                                           part + i * np + j, np);
      } else {
        im2col_rows(D, tab, x, g, n0 * out_sp + q0, n0 * out_sp + q0 + (r1 - r0), col, kp);
        for (Idx r = 0; r < r1 - r0; ++r) std::fill(col + r * kp + kcol, col + (r + 1) * kp, T(0));
        for (Idx i = 0; i < kp; i += MR)
          for (Idx j = 0; j < np; j += NR)
            micro_stream<T, MR, NV>(col + i, kp, bb + j, ldb, r1 - r0, part + i * np + j, np);
      }
      r0 = r1;
    }
  }
}

template <class T>
void conv_backward_filter_impl(const Implicit& D, const T* x, const T* dy, T* dw) {
  const Idx kcol = D.taps() * D.in_cg, dw_size = kcol * D.out_c, rows = D.rows();
  if (dw_size == 0) return;
  if (rows == 0) return std::fill(dw, dw + dw_size, T(0));
  const TapTable tab = tap_table(D);
  with_tile<T>(
      D.out_cg,
      [&](auto mr, auto nv) {
        constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
        constexpr Idx NR = NV * kLanes<T>;
        const Idx kp = round_up(kcol, MR), np = round_up(D.out_cg, NR);
        const Idx grain = std::max<Idx>(kFilterBlockRows, kMinWorkPerThread / (kp * np));
        std::vector<T> total(static_cast<std::size_t>(kp * np));
        std::mutex mutex;
        for (Idx g = 0; g < D.groups; ++g) {
          std::fill(total.begin(), total.end(), T(0));
          threading::parallel_for(rows, grain, [&](Idx rb, Idx re) {
            std::vector<T> part(static_cast<std::size_t>(kp * np), T(0));
            filter_rows<T, MR, NV>(D, tab, x, dy, g, rb, re, kp, np, part.data());
            std::lock_guard<std::mutex> lock(mutex);
            for (std::size_t i = 0; i < part.size(); ++i) total[i] += part[i];
          });
          for (Idx k = 0; k < kcol; ++k)
            std::copy_n(total.data() + k * np, D.out_cg, dw + k * D.out_c + g * D.out_cg);
        }
      },
      kcol);
}

template <class F>
void float_types(DType dtype, F&& f) {
  if (dtype == DType::float32) f(float{});
  else f(double{});
}
bool supported(DType dtype) { return dtype == DType::float32 || dtype == DType::float64; }
// The forward convolution of g through the bias and relu epilogue; with `max_pool` (one group,
// 2-D), its 2x2 window maxima (conv_forward_bias_relu_max_pool).
template <class T>
void forward_typed(const ConvGeometry& g, const Buffer& x, const Buffer& w, const Buffer* bias,
                   bool relu, Buffer& y, bool max_pool) {
  const Implicit D = forward_problem(g);
  const T* pw = static_cast<const T*>(w.data());
  const T* px = static_cast<const T*>(x.data());
  T* py = static_cast<T*>(y.data());
  const Epilogue<T> epilogue{bias ? static_cast<const T*>(bias->data()) : nullptr, relu};
  if (direct_single_channel_conv(D, px, pw, py, epilogue, max_pool)) return;
  if (winograd_applies(D))
    return winograd_conv(
        D, px, py, [&](Idx k, Idx j) { return pw[k * D.out_c + j]; }, epilogue, max_pool);
  auto get_b = [&](Idx grp, Idx k, Idx j) { return pw[k * D.out_c + grp * D.out_cg + j]; };
  if (max_pool) return implicit_conv_max_pool(D, px, py, get_b, epilogue);
  implicit_conv(D, px, py, get_b, epilogue);
}
}  // namespace

void BlasBackend::conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                               DType dtype) {
  conv_forward_bias_relu(g, x, w, nullptr, false, y, dtype);
}

void BlasBackend::conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                         const Buffer* bias, bool relu, Buffer& y, DType dtype) {
  if (!supported(dtype))
    return ReferenceBackend::conv_forward_bias_relu(g, x, w, bias, relu, y, dtype);
  float_types(dtype, [&](auto t) { forward_typed<decltype(t)>(g, x, w, bias, relu, y, false); });
}

void BlasBackend::conv_forward_bias_relu_max_pool(const ConvGeometry& g, const Buffer& x,
                                                  const Buffer& w, const Buffer* bias, bool relu,
                                                  Buffer& y, DType dtype) {
  if (!supported(dtype) || g.nd != 2 || g.groups != 1)
    return Backend::conv_forward_bias_relu_max_pool(g, x, w, bias, relu, y, dtype);
  float_types(dtype, [&](auto t) { forward_typed<decltype(t)>(g, x, w, bias, relu, y, true); });
}

void BlasBackend::conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                     Buffer& dx, DType dtype) {
  if (!supported(dtype)) return ReferenceBackend::conv_backward_data(g, dy, w, dx, dtype);
  float_types(dtype, [&](auto t) {
    using T = decltype(t);
    conv_backward_data_impl(forward_problem(g), static_cast<const T*>(dy.data()),
                            static_cast<const T*>(w.data()), static_cast<T*>(dx.data()));
  });
}

void BlasBackend::conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy,
                                       Buffer& dw, DType dtype) {
  if (!supported(dtype)) return ReferenceBackend::conv_backward_filter(g, x, dy, dw, dtype);
  float_types(dtype, [&](auto t) {
    using T = decltype(t);
    conv_backward_filter_impl(forward_problem(g), static_cast<const T*>(x.data()),
                              static_cast<const T*>(dy.data()), static_cast<T*>(dw.data()));
  });
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
