#pragma once
// Internal: convolution geometry normalised to 3 spatial dims, the table of tap offsets, and
// the im2col / col2im row walkers built on it (used by conv.cpp).
#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "keras/backends/backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/simd.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail {

using Idx = std::int64_t;

// What the forward convolution applies to its output as it writes it (conv_forward_bias_relu):
// bias[c] added to channel c, then relu with NaN passing, as the binary and unary kernels do,
// so the fused result has the same bits as the three kernels.
template <class T>
struct Epilogue {
  const T* bias = nullptr;
  bool relu = false;
  bool any() const { return bias || relu; }
  // cols values of one output row starting at channel c0.
  void apply(T* row, Idx c0, Idx cols) const {
    using B = xsimd::batch<T>;
    constexpr Idx L = static_cast<Idx>(B::size);
    const B zero(T(0));
    Idx c = 0;
    for (; c + L <= cols; c += L) {
      B v = B::load_unaligned(row + c);
      if (bias) v = v + B::load_unaligned(bias + c0 + c);
      if (relu) v = xsimd::select(v < zero, zero, v);
      v.store_unaligned(row + c);
    }
    for (; c < cols; ++c) {
      T v = row[c];
      if (bias) v = v + bias[c0 + c];
      if (relu) v = v < T(0) ? T(0) : v;
      row[c] = v;
    }
  }
};

using Dims = std::array<Idx, 3>;

// A convolution as the implicit GEMM out = gather(in) . b: output position o of image n at tap
// t reads input position o * s - p + t * d (zeros outside). Channels: `in_c` per input pixel
// of which group g reads [g * in_cg, (g + 1) * in_cg); likewise `out_c` / `out_cg`.
struct Implicit {
  Idx batch, groups;
  Dims in, out, k, s, d, p;
  Idx in_c, in_cg, out_c, out_cg;
  Idx in_sp() const { return in[0] * in[1] * in[2]; }
  Idx out_sp() const { return out[0] * out[1] * out[2]; }
  Idx taps() const { return k[0] * k[1] * k[2]; }
  Idx rows() const { return batch * out_sp(); }
};

// The forward convolution of a ConvGeometry, unused trailing dims normalised to size 1.
inline Implicit forward_problem(const ConvGeometry& g) {
  Implicit D{g.batch,        g.groups,
             g.in,           g.out,
             g.kernel,       g.stride,
             g.dilation,     g.pad_before,
             g.in_channels,  g.in_channels / g.groups,
             g.out_channels, g.out_channels / g.groups};
  for (int i = g.nd; i < 3; ++i) D.in[i] = D.out[i] = D.k[i] = D.s[i] = D.d[i] = 1, D.p[i] = 0;
  return D;
}

// The forward convolution of one input channel, stride 1, no dilation or padding, 2-D, as a
// direct loop (conv_direct.cpp), pooled over 2x2 windows with `max_pool`; false (nothing
// written) for any other geometry.
template <class T>
bool direct_single_channel_conv(const Implicit& D, const T* x, const T* w, T* y,
                                const Epilogue<T>& e, bool max_pool);

// Where each output position's taps read, within one image (in elements):
//   off[q * taps + t]: the input pixel of output position q at tap t, -1 where that is padding;
//   pix[q]: off[q * taps] if all of q's taps are inside the input, else -1;
//   delta[t]: off[q * taps + t] - off[q * taps] for those positions.
struct TapTable {
  const Idx* off;
  const Idx* pix;
  const Idx* delta;
};
inline void fill_tap_table(const Implicit& D, Idx* off) {
  const Idx out_sp = D.out_sp(), taps = D.taps();
  Idx* pix = off + out_sp * taps;
  Idx* delta = pix + out_sp;
  for (Idx t = 0; t < taps; ++t) {
    const Dims kk{t / (D.k[1] * D.k[2]), (t / D.k[2]) % D.k[1], t % D.k[2]};
    delta[t] = ((kk[0] * D.d[0] * D.in[1] + kk[1] * D.d[1]) * D.in[2] + kk[2] * D.d[2]) * D.in_c;
  }
  for (Idx q = 0; q < out_sp; ++q) {
    const Dims o{q / (D.out[1] * D.out[2]), (q / D.out[2]) % D.out[1], q % D.out[2]};
    bool all_inside = true;
    for (Idx t = 0; t < taps; ++t) {
      const Dims kk{t / (D.k[1] * D.k[2]), (t / D.k[2]) % D.k[1], t % D.k[2]};
      Idx at = 0;
      bool inside = true;
      for (int i = 0; i < 3; ++i) {
        const Idx pos = o[i] * D.s[i] - D.p[i] + kk[i] * D.d[i];
        inside = inside && pos >= 0 && pos < D.in[i];
        at = at * D.in[i] + pos;
      }
      off[q * taps + t] = inside ? at * D.in_c : -1;
      all_inside = all_inside && inside;
    }
    pix[q] = all_inside ? off[q * taps] : -1;
  }
}
// The table of D's geometry, kept per thread for the last few geometries: a model asks for the
// same few on every call, and building one (divisions per position and tap) took a quarter of
// a small CNN's batch-1 call. The pointers stay valid until this thread asks for 8 others.
inline TapTable tap_table(const Implicit& D) {
  struct Entry {
    std::array<Idx, 19> key;
    std::vector<Idx> table;
  };
  thread_local std::vector<Entry> cache;
  std::array<Idx, 19> key{D.in_c};
  for (int i = 0; i < 3; ++i) {
    key[1 + i] = D.in[i], key[4 + i] = D.out[i], key[7 + i] = D.k[i];
    key[10 + i] = D.s[i], key[13 + i] = D.d[i], key[16 + i] = D.p[i];
  }
  const Idx out_sp = D.out_sp(), taps = D.taps();
  auto it = std::find_if(cache.begin(), cache.end(), [&](const Entry& e) { return e.key == key; });
  if (it == cache.end()) {
    if (cache.size() >= 8) cache.erase(cache.begin());
    cache.push_back({key, std::vector<Idx>(static_cast<std::size_t>(out_sp * (taps + 1) + taps))});
    it = cache.end() - 1;
    fill_tap_table(D, it->table.data());
  }
  const Idx* off = it->table.data();
  return {off, off + out_sp * taps, off + out_sp * (taps + 1)};
}

// Calls f(row - r0, q, image base offset) for rows [r0, r1) (q: position within the image).
template <class F>
void for_each_row(const Implicit& D, Idx g, Idx r0, Idx r1, F&& f) {
  const Idx out_sp = D.out_sp(), image = D.in_sp() * D.in_c;
  Idx n = r0 / out_sp, q = r0 % out_sp;
  for (Idx r = r0; r < r1; ++r) {
    f(r - r0, q, n * image + g * D.in_cg);
    if (++q == out_sp) q = 0, ++n;
  }
}

// col[(r - r0) * ld + t * in_cg + c] = input value (group g), for rows [r0, r1).
template <class T>
void im2col_rows(const Implicit& D, const TapTable& tab, const T* x, Idx g, Idx r0, Idx r1, T* col,
                 Idx ld) {
  const Idx taps = D.taps(), cg = D.in_cg;
  for_each_row(D, g, r0, r1, [&](Idx row, Idx q, Idx base) {
    T* dst = col + row * ld;
    const Idx* o = tab.off + q * taps;
    if (tab.pix[q] >= 0) {  // all taps inside: no padding checks
      const T* src = x + base + tab.pix[q];
      if (cg == 1)
        for (Idx t = 0; t < taps; ++t) dst[t] = src[tab.delta[t]];
      else
        for (Idx t = 0; t < taps; ++t) std::copy_n(src + tab.delta[t], cg, dst + t * cg);
      return;
    }
    for (Idx t = 0; t < taps; ++t, dst += cg) {
      if (o[t] < 0) std::fill_n(dst, cg, T(0));
      else std::copy_n(x + base + o[t], cg, dst);
    }
  });
}

// The adjoint: dx[input of (r, t, c)] += col[(r - r0) * ld + t * in_cg + c].
template <class T>
void col2im_rows(const Implicit& D, const TapTable& tab, const T* col, Idx g, Idx r0, Idx r1,
                 Idx ld, T* dx) {
  const Idx taps = D.taps(), cg = D.in_cg;
  for_each_row(D, g, r0, r1, [&](Idx row, Idx q, Idx base) {
    const T* src = col + row * ld;
    const Idx* o = tab.off + q * taps;
    if (cg == 1) {
      if (tab.pix[q] >= 0) {
        T* dst = dx + base + tab.pix[q];
        for (Idx t = 0; t < taps; ++t) dst[tab.delta[t]] += src[t];
      } else {
        for (Idx t = 0; t < taps; ++t)
          if (o[t] >= 0) dx[base + o[t]] += src[t];
      }
      return;
    }
    for (Idx t = 0; t < taps; ++t, src += cg) {
      if (o[t] < 0) continue;
      T* __restrict d = dx + base + o[t];
      for (Idx c = 0; c < cg; ++c) d[c] += src[c];
    }
  });
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail
