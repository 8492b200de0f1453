// The forward convolution of one input channel (a network's first layer on grey images) as a
// direct loop: with one channel a tap is one input value, so an im2col gather would copy each
// input value `taps` times to feed a product of depth `taps` (9 for 3x3), and on the race's CNN
// that gather took most of the first layer's time. Here each tap broadcasts its input value
// against the tap's row of the kernel, for a block of output pixels at once.
#include <algorithm>
#include <limits>

#include "src/backends/blas/kernels/conv_common.hpp"
#include "src/backends/blas/kernels/gemm_kernels.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail {
namespace {

constexpr Idx kMaxTaps = 49;       // kernels up to 7x7
constexpr Idx kMinWork = 1 << 17;  // multiply-adds per parallel chunk

// acc[p][v] = sum over taps t of x[base[p] + delta[t]] * w[t * C + c0 + v * L], then the
// epilogue (bias, relu).
template <class T, int P, int V>
void pixel_block(const T* x, const Idx (&base)[P], const Idx* delta, Idx taps, const T* w, Idx C,
                 Idx c0, const Epilogue<T>& e, xsimd::batch<T> (&acc)[P][V]) {
  using B = xsimd::batch<T>;
  constexpr Idx L = kLanes<T>;
  for (auto& row : acc)
    for (B& a : row) a = B(T(0));
  for (Idx t = 0; t < taps; ++t) {
    B wv[V];
    for (int v = 0; v < V; ++v) wv[v] = B::load_unaligned(w + t * C + c0 + v * L);
    for (int p = 0; p < P; ++p) {
      const B xb(x[base[p] + delta[t]]);
      for (int v = 0; v < V; ++v) acc[p][v] = xsimd::fma(xb, wv[v], acc[p][v]);
    }
  }
  const B zero(T(0));
  for (int v = 0; v < V; ++v) {
    const B b = e.bias ? B::load_unaligned(e.bias + c0 + v * L) : zero;
    for (int p = 0; p < P; ++p) {
      if (e.bias) acc[p][v] = acc[p][v] + b;
      if (e.relu) acc[p][v] = xsimd::select(acc[p][v] < zero, zero, acc[p][v]);
    }
  }
}

// The channels a vector block leaves over, one at a time (the taps in the same order).
template <class T>
T pixel_channel(const T* x, Idx base, const Idx* delta, Idx taps, const T* w, Idx C, Idx c,
                const Epilogue<T>& e) {
  T acc = T(0);
  for (Idx t = 0; t < taps; ++t) acc = acc + x[base + delta[t]] * w[t * C + c];
  if (e.bias) acc = acc + e.bias[c];
  if (e.relu) acc = acc < T(0) ? T(0) : acc;
  return acc;
}

// max(best, v) with NaN propagating, as max_pool_row_pair and pool_forward's max.
template <class T>
xsimd::batch<T> max_nan(xsimd::batch<T> best, xsimd::batch<T> v) {
  return xsimd::select((v > best) | xsimd::isnan(v), v, best);
}
template <class T>
T max_nan(T best, T v) {
  return (v > best || v != v) ? v : best;
}

// Output pixels (or, pooling, 2x2 windows) `base` of one image row, every channel block.
template <class T, int P>
void write_pixels(const T* x, const Idx (&base)[P], const Idx* delta, Idx taps, const T* w, Idx C,
                  const Epilogue<T>& e, T* const (&out)[P], bool pool) {
  using B = xsimd::batch<T>;
  constexpr Idx L = kLanes<T>;
  constexpr T kLowest = -std::numeric_limits<T>::infinity();
  Idx c0 = 0;
  auto store = [&](auto& acc, int width) {
    for (int v = 0; v < width; ++v) {
      if (pool) {
        B best(kLowest);
        for (int p = 0; p < P; ++p) best = max_nan(best, acc[p][v]);
        best.store_unaligned(out[0] + c0 + v * L);
      } else {
        for (int p = 0; p < P; ++p) acc[p][v].store_unaligned(out[p] + c0 + v * L);
      }
    }
  };
  for (; c0 + 2 * L <= C; c0 += 2 * L) {
    B acc[P][2];
    pixel_block<T, P, 2>(x, base, delta, taps, w, C, c0, e, acc);
    store(acc, 2);
  }
  for (; c0 + L <= C; c0 += L) {
    B acc[P][1];
    pixel_block<T, P, 1>(x, base, delta, taps, w, C, c0, e, acc);
    store(acc, 1);
  }
  for (Idx c = c0; c < C; ++c) {
    T best = kLowest;
    for (int p = 0; p < P; ++p) {
      const T v = pixel_channel(x, base[p], delta, taps, w, C, c, e);
      if (pool) best = max_nan(best, v);
      else out[p][c] = v;
    }
    if (pool) out[0][c] = best;
  }
}

}  // namespace

template <class T>
bool direct_single_channel_conv(const Implicit& D, const T* x, const T* w, T* y,
                                const Epilogue<T>& e, bool max_pool) {
  const Idx taps = D.taps(), C = D.out_c, IW = D.in[1], OH = D.out[0], OW = D.out[1];
  const bool applies = D.groups == 1 && D.in_c == 1 && D.in[2] == 1 && D.k[2] == 1 &&
                       D.out[2] == 1 && D.p[2] == 0 && D.s[0] == 1 && D.s[1] == 1 && D.d[0] == 1 &&
                       D.d[1] == 1 && D.p[0] == 0 && D.p[1] == 0 && OH + D.k[0] - 1 <= D.in[0] &&
                       OW + D.k[1] - 1 <= IW && taps <= kMaxTaps && C >= kLanes<T>;
  if (!applies) return false;
  Idx delta[kMaxTaps];
  for (Idx ky = 0; ky < D.k[0]; ++ky)
    for (Idx kx = 0; kx < D.k[1]; ++kx) delta[ky * D.k[1] + kx] = ky * IW + kx;
  const Idx image = D.in[0] * IW;
  // Parallel over (image, output row) or (image, pooled row).
  const Idx rows_per_image = max_pool ? OH / 2 : OH;
  const Idx rows = D.batch * rows_per_image;
  if (rows == 0 || OW == 0 || C == 0) return true;
  const Idx work = OW * C * taps * (max_pool ? 2 : 1);
  const Idx grain = std::max<Idx>(1, kMinWork / std::max<Idx>(1, work));
  threading::parallel_for(rows, grain, [&](Idx rb, Idx re) {
    for (Idx r = rb; r < re; ++r) {
      const Idx n = r / rows_per_image, row = r % rows_per_image;
      const T* xi = x + n * image;
      if (max_pool) {
        const Idx oy = 2 * row, PW = OW / 2;
        T* out = y + (n * (OH / 2) + row) * PW * C;
        for (Idx px = 0; px < PW; ++px) {
          const Idx b = oy * IW + 2 * px;
          const Idx base[4] = {b, b + 1, b + IW, b + IW + 1};
          T* const dst[4] = {out + px * C, nullptr, nullptr, nullptr};
          write_pixels<T, 4>(xi, base, delta, taps, w, C, e, dst, true);
        }
      } else {
        T* out = y + (n * OH + row) * OW * C;
        Idx ox = 0;
        for (; ox + 4 <= OW; ox += 4) {
          const Idx b = row * IW + ox;
          const Idx base[4] = {b, b + 1, b + 2, b + 3};
          T* const dst[4] = {out + ox * C, out + (ox + 1) * C, out + (ox + 2) * C,
                             out + (ox + 3) * C};
          write_pixels<T, 4>(xi, base, delta, taps, w, C, e, dst, false);
        }
        for (; ox < OW; ++ox) {
          const Idx base[1] = {row * IW + ox};
          T* const dst[1] = {out + ox * C};
          write_pixels<T, 1>(xi, base, delta, taps, w, C, e, dst, false);
        }
      }
    }
  });
  return true;
}

template bool direct_single_channel_conv<float>(const Implicit&, const float*, const float*, float*,
                                                const Epilogue<float>&, bool);
template bool direct_single_channel_conv<double>(const Implicit&, const double*, const double*,
                                                 double*, const Epilogue<double>&, bool);

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail
