#include <cmath>
#include <limits>
#include <vector>

#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {
namespace {

// Offsets of a channels-last tensor (batch, d0, d1, d2, channels) with unused dims of size 1.
struct Layout {
  std::array<std::int64_t, 3> dims;
  std::int64_t channels;
  std::int64_t at(std::int64_t b, const std::array<std::int64_t, 3>& p, std::int64_t c) const {
    return (((b * dims[0] + p[0]) * dims[1] + p[1]) * dims[2] + p[2]) * channels + c;
  }
};

// Calls f(out_pos, in_pos, kernel_pos) for every valid (output, tap) pair of the geometry.
template <class F>
void for_each_tap(const std::array<std::int64_t, 3>& out, const std::array<std::int64_t, 3>& in,
                  const std::array<std::int64_t, 3>& kernel,
                  const std::array<std::int64_t, 3>& stride,
                  const std::array<std::int64_t, 3>& dilation,
                  const std::array<std::int64_t, 3>& pad, F&& f) {
  std::array<std::int64_t, 3> o{}, k{}, i{};
  for (o[0] = 0; o[0] < out[0]; ++o[0])
    for (o[1] = 0; o[1] < out[1]; ++o[1])
      for (o[2] = 0; o[2] < out[2]; ++o[2])
        for (k[0] = 0; k[0] < kernel[0]; ++k[0]) {
          i[0] = o[0] * stride[0] - pad[0] + k[0] * dilation[0];
          if (i[0] < 0 || i[0] >= in[0]) continue;
          for (k[1] = 0; k[1] < kernel[1]; ++k[1]) {
            i[1] = o[1] * stride[1] - pad[1] + k[1] * dilation[1];
            if (i[1] < 0 || i[1] >= in[1]) continue;
            for (k[2] = 0; k[2] < kernel[2]; ++k[2]) {
              i[2] = o[2] * stride[2] - pad[2] + k[2] * dilation[2];
              if (i[2] < 0 || i[2] >= in[2]) continue;
              f(o, i, k);
            }
          }
        }
}

std::int64_t kernel_offset(const ConvGeometry& g, const std::array<std::int64_t, 3>& k) {
  return ((k[0] * g.kernel[1] + k[1]) * g.kernel[2] + k[2]) * (g.in_channels / g.groups) *
         g.out_channels;
}

// The three convolution kernels share one loop; `Mode` picks which operand accumulates.
enum class Mode { forward, backward_data, backward_filter };

template <class T>
void conv_loop(Mode mode, const ConvGeometry& g, const T* x, const T* w, const T* y, T* result,
               std::int64_t result_size) {
  const Layout lx{g.in, g.in_channels}, ly{g.out, g.out_channels};
  const std::int64_t cin_g = g.in_channels / g.groups, cout_g = g.out_channels / g.groups;
  std::vector<double> acc(static_cast<std::size_t>(result_size), 0.0);
  for (std::int64_t b = 0; b < g.batch; ++b)
    for_each_tap(g.out, g.in, g.kernel, g.stride, g.dilation, g.pad_before,
                 [&](const auto& o, const auto& i, const auto& k) {
                   const std::int64_t kw = kernel_offset(g, k);
                   for (std::int64_t grp = 0; grp < g.groups; ++grp)
                     for (std::int64_t ic = 0; ic < cin_g; ++ic) {
                       const std::int64_t xi = lx.at(b, i, grp * cin_g + ic);
                       for (std::int64_t oc = grp * cout_g; oc < (grp + 1) * cout_g; ++oc) {
                         const std::int64_t wi = kw + ic * g.out_channels + oc;
                         const std::int64_t yi = ly.at(b, o, oc);
                         switch (mode) {
                           case Mode::forward: acc[yi] += double(x[xi]) * double(w[wi]); break;
                           case Mode::backward_data:
                             acc[xi] += double(y[yi]) * double(w[wi]);
                             break;
                           case Mode::backward_filter:
                             acc[wi] += double(x[xi]) * double(y[yi]);
                             break;
                         }
                       }
                     }
                 });
  for (std::int64_t n = 0; n < result_size; ++n)
    result[n] = static_cast<T>(acc[static_cast<std::size_t>(n)]);
}

std::int64_t batch_size(std::int64_t batch, const std::array<std::int64_t, 3>& dims,
                        std::int64_t c) {
  return batch * dims[0] * dims[1] * dims[2] * c;
}

template <class F>
void float_dispatch(DType dtype, F&& f) {
  if (dtype == DType::float64) f.template operator()<double>();
  else f.template operator()<float>();
}
}  // namespace

void ReferenceBackend::conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                    Buffer& y, DType dtype) {
  float_dispatch(dtype, [&]<class T>() {
    conv_loop<T>(Mode::forward, g, static_cast<const T*>(x.data()), static_cast<const T*>(w.data()),
                 nullptr, static_cast<T*>(y.data()), batch_size(g.batch, g.out, g.out_channels));
  });
}

void ReferenceBackend::conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                          Buffer& dx, DType dtype) {
  float_dispatch(dtype, [&]<class T>() {
    conv_loop<T>(Mode::backward_data, g, nullptr, static_cast<const T*>(w.data()),
                 static_cast<const T*>(dy.data()), static_cast<T*>(dx.data()),
                 batch_size(g.batch, g.in, g.in_channels));
  });
}

void ReferenceBackend::conv_backward_filter(const ConvGeometry& g, const Buffer& x,
                                            const Buffer& dy, Buffer& dw, DType dtype) {
  float_dispatch(dtype, [&]<class T>() {
    conv_loop<T>(
        Mode::backward_filter, g, static_cast<const T*>(x.data()), nullptr,
        static_cast<const T*>(dy.data()), static_cast<T*>(dw.data()),
        g.kernel[0] * g.kernel[1] * g.kernel[2] * (g.in_channels / g.groups) * g.out_channels);
  });
}

namespace {
// For each output position: the valid input positions of its window, in window order.
template <class F>
void for_each_window(const PoolGeometry& g, F&& f) {
  const std::array<std::int64_t, 3> ones{1, 1, 1};
  std::vector<std::array<std::int64_t, 3>> taps;
  std::array<std::int64_t, 3> current{-1, -1, -1};
  bool first = true;
  auto flush = [&] {
    if (!first) f(current, taps);
    taps.clear();
  };
  for_each_tap(g.out, g.in, g.window, g.stride, ones, g.pad_before,
               [&](const auto& o, const auto& i, const auto&) {
                 if (first || o != current) {
                   flush();
                   current = o;
                   first = false;
                 }
                 taps.push_back(i);
               });
  flush();
}
}  // namespace

void ReferenceBackend::pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                                    DType dtype) {
  float_dispatch(dtype, [&]<class T>() {
    const T* px = static_cast<const T*>(x.data());
    T* py = static_cast<T*>(y.data());
    const Layout lx{g.in, g.channels}, ly{g.out, g.channels};
    for (std::int64_t b = 0; b < g.batch; ++b)
      for_each_window(g, [&](const auto& o, const auto& taps) {
        for (std::int64_t c = 0; c < g.channels; ++c) {
          double acc = op == PoolOp::max ? -std::numeric_limits<double>::infinity() : 0.0;
          for (const auto& i : taps) {
            double v = px[lx.at(b, i, c)];
            acc = op == PoolOp::max ? (v > acc || std::isnan(v) ? v : acc) : acc + v;
          }
          if (op == PoolOp::average) acc /= static_cast<double>(taps.size());
          py[ly.at(b, o, c)] = static_cast<T>(acc);
        }
      });
  });
}

void ReferenceBackend::pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x,
                                     const Buffer& dy, Buffer& dx, DType dtype) {
  float_dispatch(dtype, [&]<class T>() {
    const T* px = static_cast<const T*>(x.data());
    const T* pdy = static_cast<const T*>(dy.data());
    T* pdx = static_cast<T*>(dx.data());
    const Layout lx{g.in, g.channels}, ly{g.out, g.channels};
    for (std::int64_t n = 0; n < batch_size(g.batch, g.in, g.channels); ++n) pdx[n] = T(0);
    for (std::int64_t b = 0; b < g.batch; ++b)
      for_each_window(g, [&](const auto& o, const auto& taps) {
        for (std::int64_t c = 0; c < g.channels; ++c) {
          const T grad = pdy[ly.at(b, o, c)];
          if (op == PoolOp::average) {
            for (const auto& i : taps)
              pdx[lx.at(b, i, c)] += static_cast<T>(grad / static_cast<double>(taps.size()));
          } else {
            // The gradient goes to the element the forward pass chose: the first maximum,
            // or the first NaN (NaN wins the forward max).
            std::int64_t best = lx.at(b, taps.front(), c);
            for (const auto& i : taps) {
              const T v = px[lx.at(b, i, c)];
              if (std::isnan(px[best])) break;
              if (v > px[best] || std::isnan(v)) best = lx.at(b, i, c);
            }
            pdx[best] += grad;
          }
        }
      });
  });
}

}  // namespace keras::backend
