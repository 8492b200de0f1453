// Pooling for the blas backend: channels-last loops whose inner loop runs over the contiguous
// channels (vectorised by the compiler), window bounds clipped once per output position.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;

struct PoolDims {
  Idx batch, c;
  std::array<Idx, 3> in, out, w, s, p;
  Idx in_sp, out_sp;
  explicit PoolDims(const PoolGeometry& g)
      : batch(g.batch),
        c(g.channels),
        in(g.in),
        out(g.out),
        w(g.window),
        s(g.stride),
        p(g.pad_before) {
    for (int i = g.nd; i < 3; ++i) in[i] = out[i] = w[i] = s[i] = 1, p[i] = 0;
    in_sp = in[0] * in[1] * in[2];
    out_sp = out[0] * out[1] * out[2];
  }
};

// The clipped window of output position (o0, o1, o2): [lo, hi) per dim.
struct Window {
  std::array<Idx, 3> lo, hi;
  Idx count() const { return (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]); }
};
Window window_of(const PoolDims& P, const std::array<Idx, 3>& o) {
  Window win;
  for (int i = 0; i < 3; ++i) {
    const Idx start = o[i] * P.s[i] - P.p[i];
    win.lo[i] = std::max<Idx>(start, 0);
    win.hi[i] = std::max(win.lo[i], std::min(start + P.w[i], P.in[i]));
  }
  return win;
}

// Calls f(n, out_index, window) for output rows [b, e) of the flattened (batch, out...) index.
template <class F>
void for_each_output(const PoolDims& P, Idx b, Idx e, F&& f) {
  for (Idx r = b; r < e; ++r) {
    const Idx n = r / P.out_sp, q = r % P.out_sp;
    const std::array<Idx, 3> o{q / (P.out[1] * P.out[2]), (q / P.out[2]) % P.out[1], q % P.out[2]};
    f(n, r, window_of(P, o));
  }
}

// Calls g(x_offset) for every input position of the window (in window order), offsets in
// elements of a channels-last tensor of image n.
template <class G>
void for_each_tap(const PoolDims& P, Idx n, const Window& win, G&& g) {
  for (Idx i0 = win.lo[0]; i0 < win.hi[0]; ++i0)
    for (Idx i1 = win.lo[1]; i1 < win.hi[1]; ++i1)
      for (Idx i2 = win.lo[2]; i2 < win.hi[2]; ++i2)
        g((((n * P.in[0] + i0) * P.in[1] + i1) * P.in[2] + i2) * P.c);
}

template <class T>
void pool_forward_impl(PoolOp op, const PoolDims& P, const T* x, T* y) {
  const Idx work = std::max<Idx>(1, P.c * P.w[0] * P.w[1] * P.w[2]);
  const Idx C = P.c;
  threading::parallel_for(P.batch * P.out_sp, std::max<Idx>(1, blas_detail::kGrain / work),
                          [&](Idx b, Idx e) {
                            for_each_output(P, b, e, [&](Idx n, Idx r, const Window& win) {
                              T* __restrict yr = y + r * C;
                              if (op == PoolOp::max) {
                                for (Idx c = 0; c < C; ++c)
                                  yr[c] = -std::numeric_limits<T>::infinity();
                                for_each_tap(P, n, win, [&](Idx xo) {
                                  const T* __restrict xr = x + xo;
                                  for (Idx c = 0; c < C; ++c) {
                                    const T v = xr[c];
                                    yr[c] = (v > yr[c] || v != v) ? v : yr[c];
                                  }
                                });
                              } else {
                                for (Idx c = 0; c < C; ++c) yr[c] = T(0);
                                for_each_tap(P, n, win, [&](Idx xo) {
                                  const T* __restrict xr = x + xo;
                                  for (Idx c = 0; c < C; ++c) yr[c] += xr[c];
                                });
                                const T count = static_cast<T>(win.count());
                                for (Idx c = 0; c < C; ++c) yr[c] /= count;
                              }
                            });
                          });
}

template <class T>
void pool_backward_impl(PoolOp op, const PoolDims& P, const T* x, const T* dy, T* dx) {
  const Idx C = P.c, image_in = P.in_sp * C;
  const Idx work = std::max<Idx>(1, P.out_sp * C * P.w[0] * P.w[1] * P.w[2] + image_in);
  // Windows may overlap, so threads split the batch: each image's dx has one writer.
  threading::parallel_for(P.batch, std::max<Idx>(1, blas_detail::kGrain / work), [&](Idx b, Idx e) {
    std::memset(dx + b * image_in, 0, static_cast<std::size_t>((e - b) * image_in) * sizeof(T));
    std::vector<T> best(op == PoolOp::max ? static_cast<std::size_t>(C) : 0), done(best.size());
    for_each_output(P, b * P.out_sp, e * P.out_sp, [&](Idx n, Idx r, const Window& win) {
      const T* __restrict g = dy + r * C;
      if (win.count() == 0) return;
      if (op == PoolOp::average) {
        const double count = static_cast<double>(win.count());
        for_each_tap(P, n, win, [&](Idx xo) {
          T* __restrict d = dx + xo;
          for (Idx c = 0; c < C; ++c) d[c] += static_cast<T>(g[c] / count);
        });
        return;
      }
      // The gradient goes to the element the forward max chose, per channel: the first NaN of
      // the window if there is one, else its first maximum. Two vectorisable passes: the
      // window's max (NaN-propagating, as forward), then the first tap equal to it.
      T* __restrict m = best.data();
      T* __restrict taken = done.data();
      bool first = true;
      for_each_tap(P, n, win, [&](Idx xo) {
        const T* __restrict xr = x + xo;
        if (first) {
          for (Idx c = 0; c < C; ++c) m[c] = xr[c], taken[c] = T(0);
          first = false;
          return;
        }
        for (Idx c = 0; c < C; ++c) {
          const T v = xr[c];
          m[c] = (v > m[c] || v != v) ? v : m[c];
        }
      });
      for_each_tap(P, n, win, [&](Idx xo) {
        const T* __restrict xr = x + xo;
        T* __restrict d = dx + xo;
        for (Idx c = 0; c < C; ++c) {
          const T v = xr[c];
          const bool hit = taken[c] == T(0) && (v == m[c] || (v != v && m[c] != m[c]));
          d[c] += hit ? g[c] : T(0);
          taken[c] = hit ? T(1) : taken[c];
        }
      });
    });
  });
}

bool supported(DType dtype) { return dtype == DType::float32 || dtype == DType::float64; }
}  // namespace

void BlasBackend::pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                               DType dtype) {
  if (!supported(dtype)) return ReferenceBackend::pool_forward(op, g, x, y, dtype);
  const PoolDims P(g);
  if (dtype == DType::float32)
    pool_forward_impl(op, P, static_cast<const float*>(x.data()), static_cast<float*>(y.data()));
  else
    pool_forward_impl(op, P, static_cast<const double*>(x.data()), static_cast<double*>(y.data()));
}

void BlasBackend::pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                                Buffer& dx, DType dtype) {
  if (!supported(dtype)) return ReferenceBackend::pool_backward(op, g, x, dy, dx, dtype);
  const PoolDims P(g);
  if (dtype == DType::float32)
    pool_backward_impl(op, P, static_cast<const float*>(x.data()),
                       static_cast<const float*>(dy.data()), static_cast<float*>(dx.data()));
  else
    pool_backward_impl(op, P, static_cast<const double*>(x.data()),
                       static_cast<const double*>(dy.data()), static_cast<double*>(dx.data()));
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
