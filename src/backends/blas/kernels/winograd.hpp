#pragma once
// Internal: Winograd F(2x2, 3x3) for 2-D 3x3 convolutions with unit stride and dilation and
// one group (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015). Each 2x2
// output tile is A^T [(G g G^T) . (B^T d B)] A over a 4x4 input tile d, so the multiplies become
// 16 GEMMs (tiles x C_in) . (C_in x C_out) with 16/36 of the direct method's multiply-adds;
// tiles go in blocks whose transforms stay in cache. Used by conv.cpp for the forward pass and
// for the data gradient (the convolution of dy with the flipped kernel).
#include <algorithm>
#include <limits>
#include <vector>

#include "src/backends/blas/kernels/conv_common.hpp"
#include "src/backends/blas/kernels/gemm_kernels.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail {

constexpr Idx kWinogradBlockTiles = 64;

// Whether the Winograd path applies, and pays: a GEMM-sized channel count on both sides, and
// enough output tiles to repay transforming the weights on every call (a batch of one 11x11
// image is 36 tiles, where the transform took 44 % of a small CNN's batch-1 call).
inline bool winograd_applies(const Implicit& D) {
  const Idx tiles = D.batch * ((D.out[0] + 1) / 2) * ((D.out[1] + 1) / 2);
  return D.groups == 1 && D.k == Dims{3, 3, 1} && D.s == Dims{1, 1, 1} && D.d[0] == 1 &&
         D.d[1] == 1 && D.in[2] == 1 && D.out[2] == 1 && D.in_cg >= 8 && D.out_cg >= 8 &&
         tiles >= 4 * kWinogradBlockTiles;
}

// v[xi * cin + c] = (B^T d B)[xi] of the 4x4 input tile d whose pixel (a, b) has its channels
// at px[a][b].
template <class T>
void winograd_input_tile(const T* const (&px)[4][4], Idx cin, T* v) {
  auto transform = [&](auto load, auto store) {
    using V = decltype(load(px[0][0]));
    V t[4][4];
    for (int b = 0; b < 4; ++b) {
      const V d0 = load(px[0][b]), d1 = load(px[1][b]), d2 = load(px[2][b]), d3 = load(px[3][b]);
      t[0][b] = d0 - d2, t[1][b] = d1 + d2, t[2][b] = d2 - d1, t[3][b] = d1 - d3;
    }
    for (int a = 0; a < 4; ++a) {
      store(a * 4 + 0, t[a][0] - t[a][2]);
      store(a * 4 + 1, t[a][1] + t[a][2]);
      store(a * 4 + 2, t[a][2] - t[a][1]);
      store(a * 4 + 3, t[a][1] - t[a][3]);
    }
  };
  using B = xsimd::batch<T>;
  constexpr Idx L = kLanes<T>;
  Idx c = 0;
  for (; c + L <= cin; c += L)
    transform([&](const T* p) { return B::load_unaligned(p + c); },
              [&](int xi, const B& val) { val.store_unaligned(v + xi * cin + c); });
  for (; c < cin; ++c)
    transform([&](const T* p) { return p[c]; }, [&](int xi, T val) { v[xi * cin + c] = val; });
}

// The 2x2 output tile A^T M A of m[xi * ld + co] (co < cout), through the epilogue, written to
// out[a][b][co] where out[a][b] is not null; or, with `pooled`, only the tile's maximum (NaN
// propagating, in the order and with the test of the max pooling kernel) to pooled[co].
template <class T>
void winograd_output_tile(const T* m, Idx ld, Idx cout, T* const (&out)[2][2],
                          const Epilogue<T>& epilogue, T* pooled = nullptr) {
  auto transform = [&](auto load, auto store) {
    using V = decltype(load(0));
    V s[2][4];
    for (int b = 0; b < 4; ++b) {
      const V m0 = load(b), m1 = load(4 + b), m2 = load(8 + b), m3 = load(12 + b);
      s[0][b] = m0 + m1 + m2, s[1][b] = m1 - m2 - m3;
    }
    for (int a = 0; a < 2; ++a) {
      store(a, 0, s[a][0] + s[a][1] + s[a][2]);
      store(a, 1, s[a][1] - s[a][2] - s[a][3]);
    }
  };
  using B = xsimd::batch<T>;
  constexpr Idx L = kLanes<T>;
  const B zero(T(0));
  constexpr T kLowest = -std::numeric_limits<T>::infinity();
  Idx co = 0;
  for (; co + L <= cout; co += L) {
    B best(kLowest);
    transform([&](int xi) { return B::load_unaligned(m + xi * ld + co); },
              [&](int a, int b, B val) {
                if (!pooled && !out[a][b]) return;
                if (epilogue.bias) val = val + B::load_unaligned(epilogue.bias + co);
                if (epilogue.relu) val = xsimd::select(val < zero, zero, val);
                if (pooled) best = xsimd::select((val > best) | xsimd::isnan(val), val, best);
                else val.store_unaligned(out[a][b] + co);
              });
    if (pooled) best.store_unaligned(pooled + co);
  }
  for (; co < cout; ++co) {
    T best = kLowest;
    transform([&](int xi) { return m[xi * ld + co]; },
              [&](int a, int b, T val) {
                if (!pooled && !out[a][b]) return;
                if (epilogue.bias) val = val + epilogue.bias[co];
                if (epilogue.relu) val = val < T(0) ? T(0) : val;
                if (pooled) best = (val > best || val != val) ? val : best;
                else out[a][b][co] = val;
              });
    if (pooled) pooled[co] = best;
  }
}

// y = the convolution D of x (see Implicit), then the epilogue; get_b(k, j) reads the weight of
// tap k / in_cg, input channel k % in_cg, output channel j. With `max_pool`, y is instead the
// maximum of each 2x2 output tile (MaxPooling2D's default window: the tiles are its windows),
// (batch, out[0] / 2, out[1] / 2, channels).
template <class T, class GetB>
void winograd_conv(const Implicit& D, const T* x, T* y, GetB get_b, const Epilogue<T>& epilogue,
                   bool max_pool = false) {
  const Idx cin = D.in_cg, cout = D.out_cg, H = D.in[0], W = D.in[1];
  // Pooled, the tiles over a dropped odd last row or column are not computed at all.
  const Idx OH = D.out[0], OW = D.out[1];
  const Idx th = max_pool ? OH / 2 : (OH + 1) / 2, tw = max_pool ? OW / 2 : (OW + 1) / 2;
  const Idx tiles = D.batch * th * tw;
  if (tiles == 0 || cout == 0) return;
  with_tile<T>(cout, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx np = (cout + NR - 1) / NR * NR, panels = np / NR;
    // U[xi] = (G g G^T)[xi] for every (ci, co), packed as gather_tiles panels [panel][ci][NR].
    T* U = scratch<T>(16 * cin * np, 0);
    std::fill_n(U, 16 * cin * np, T(0));
    for (Idx ci = 0; ci < cin; ++ci)
      for (Idx co = 0; co < cout; ++co) {
        T g[3][3], t[4][3];
        for (int a = 0; a < 3; ++a)
          for (int b = 0; b < 3; ++b) g[a][b] = get_b((a * 3 + b) * cin + ci, co);
        for (int b = 0; b < 3; ++b) {
          t[0][b] = g[0][b];
          t[1][b] = T(0.5) * (g[0][b] + g[1][b] + g[2][b]);
          t[2][b] = T(0.5) * (g[0][b] - g[1][b] + g[2][b]);
          t[3][b] = g[2][b];
        }
        for (int a = 0; a < 4; ++a) {
          const T u[4] = {t[a][0], T(0.5) * (t[a][0] + t[a][1] + t[a][2]),
                          T(0.5) * (t[a][0] - t[a][1] + t[a][2]), t[a][2]};
          for (int b = 0; b < 4; ++b)
            U[((a * 4 + b) * panels + co / NR) * cin * NR + ci * NR + co % NR] = u[b];
        }
      }
    T* zeros = scratch<T>(cin, 1);
    std::fill_n(zeros, cin, T(0));
    const Idx blocks = (tiles + kWinogradBlockTiles - 1) / kWinogradBlockTiles;
    const Idx image = H * W * D.in_c;
    threading::parallel_for(blocks, 1, [&](Idx bb, Idx be) {
      constexpr Idx TB = kWinogradBlockTiles;
      // Per block: V[tile][xi][c] and M[tile][xi][co], each tile's 16 rows contiguous; the tile
      // strides are padded by a cache line so they are never a power of two (cache aliasing).
      const Idx vs = 16 * cin + 64 / static_cast<Idx>(sizeof(T)),
                ms = 16 * np + 64 / static_cast<Idx>(sizeof(T));
      std::vector<T> Vbuf(static_cast<std::size_t>(TB * vs));
      std::vector<T> Mbuf(static_cast<std::size_t>(TB * ms));
      T* V = Vbuf.data();
      T* M = Mbuf.data();
      for (Idx blk = bb; blk < be; ++blk) {
        const Idx t0 = blk * TB, nt = std::min(TB, tiles - t0);
        for (Idx i = 0; i < nt; ++i) {
          const Idx tile = t0 + i, n = tile / (th * tw), r = tile % (th * tw);
          const Idx ih0 = 2 * (r / tw) - D.p[0], iw0 = 2 * (r % tw) - D.p[1];
          const T* px[4][4];
          for (int a = 0; a < 4; ++a)
            for (int b = 0; b < 4; ++b) {
              const Idx ih = ih0 + a, iw = iw0 + b;
              const bool in = ih >= 0 && ih < H && iw >= 0 && iw < W;
              px[a][b] = in ? x + n * image + (ih * W + iw) * D.in_c : zeros;
            }
          winograd_input_tile<T>(px, cin, V + i * vs);
        }
        for (int xi = 0; xi < 16; ++xi)
          gather_tiles_rows<T, MR, NV>(nt, cin, U + xi * panels * cin * NR, np, M + xi * np, ms,
                                       [&](Idx row) { return V + row * vs + xi * cin; });
        for (Idx i = 0; i < nt; ++i) {
          const Idx tile = t0 + i, n = tile / (th * tw), r = tile % (th * tw);
          const Idx oh = 2 * (r / tw), ow = 2 * (r % tw);
          if (max_pool) {
            T* const none[2][2] = {};
            winograd_output_tile<T>(M + i * ms, np, cout, none, epilogue,
                                    y + ((n * th + oh / 2) * tw + ow / 2) * D.out_c);
            continue;
          }
          T* out[2][2];
          for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 2; ++b)
              out[a][b] = oh + a < OH && ow + b < OW
                              ? y + ((n * OH + oh + a) * OW + ow + b) * D.out_c
                              : nullptr;
          winograd_output_tile<T>(M + i * ms, np, cout, out, epilogue);
        }
      }
    });
  });
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail
