// Batch normalization for the blas backend, channels-last (the statistics' axis last, inner ==
// 1): the per-channel sums over the rows in double, in a fixed number of row blocks added in
// order (the same bits whatever the thread count), then one pass applying per-channel
// coefficients in the tensor's dtype. Other layouts run the reference kernels.
#include <algorithm>
#include <cmath>
#include <vector>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;

constexpr Idx kBlocks = 8;

bool fast_layout(const BatchNormArgs& a) {
  return a.inner == 1 && (a.dtype == DType::float32 || a.dtype == DType::float64);
}

// Per-channel sums of f(row, channel) over all rows: `count` sums per channel, each block of
// rows into its own partials, the blocks then added in order.
template <int Count, class F>
std::vector<double> channel_sums(Idx rows, Idx channels, F&& f) {
  const Idx blocks = std::min(rows, kBlocks);
  const auto width = static_cast<std::size_t>(Count * channels);
  std::vector<double> partial(static_cast<std::size_t>(blocks) * width, 0.0);
  threading::parallel_for(blocks, 1, [&](Idx b0, Idx b1) {
    for (Idx b = b0; b < b1; ++b) {
      double* acc = partial.data() + static_cast<std::size_t>(b) * width;
      for (Idx r = rows * b / blocks; r < rows * (b + 1) / blocks; ++r) f(r, acc);
    }
  });
  std::vector<double> total(width, 0.0);
  for (Idx b = 0; b < blocks; ++b)
    for (std::size_t k = 0; k < width; ++k)
      total[k] += partial[static_cast<std::size_t>(b) * width + k];
  return total;
}

// out[r, c] = p[c] * u[r, c] + q[c] * (v[r, c] - m[c]) + d[c] (v may be null), over the rows in
// parallel.
template <class T>
void apply_rows(Idx rows, Idx channels, const T* p, const T* u, const T* q, const T* v, const T* m,
                const T* d, T* out) {
  const Idx grain = std::max<Idx>(1, blas_detail::kGrain / std::max<Idx>(channels, 1));
  threading::parallel_for(rows, grain, [&](Idx r0, Idx r1) {
    for (Idx r = r0; r < r1; ++r) {
      const T* ur = u + r * channels;
      T* o = out + r * channels;
      if (v) {
        const T* vr = v + r * channels;
        for (Idx c = 0; c < channels; ++c) o[c] = p[c] * ur[c] + q[c] * (vr[c] - m[c]) + d[c];
      } else {
        for (Idx c = 0; c < channels; ++c) o[c] = p[c] * ur[c] + d[c];
      }
    }
  });
}

template <class T>
void forward(const BatchNormArgs& a) {
  const T* x = static_cast<const T*>(a.in[0]->data());
  const T* gamma = a.in[3] ? static_cast<const T*>(a.in[3]->data()) : nullptr;
  const T* beta = a.in[4] ? static_cast<const T*>(a.in[4]->data()) : nullptr;
  const Idx rows = a.outer, channels = a.channels;
  const auto cs = static_cast<std::size_t>(channels);
  std::vector<T> mean(cs), variance(cs);
  if (a.training) {
    const double n = static_cast<double>(rows);
    const std::vector<double> sum = channel_sums<1>(rows, channels, [&](Idx r, double* acc) {
      const T* xr = x + r * channels;
      for (Idx c = 0; c < channels; ++c) acc[c] += static_cast<double>(xr[c]);
    });
    for (std::size_t c = 0; c < cs; ++c) mean[c] = static_cast<T>(sum[c] / n);
    const std::vector<double> squares = channel_sums<1>(rows, channels, [&](Idx r, double* acc) {
      const T* xr = x + r * channels;
      for (Idx c = 0; c < channels; ++c) {
        const double d = static_cast<double>(xr[c]) - static_cast<double>(mean[c]);
        acc[c] += d * d;
      }
    });
    T* mean_out = static_cast<T*>(a.out[1]->data());
    T* variance_out = static_cast<T*>(a.out[2]->data());
    for (std::size_t c = 0; c < cs; ++c) {
      variance[c] = static_cast<T>(squares[c] / n);
      mean_out[c] = mean[c], variance_out[c] = variance[c];
    }
  } else {
    const T* m = static_cast<const T*>(a.in[1]->data());
    const T* v = static_cast<const T*>(a.in[2]->data());
    mean.assign(m, m + channels), variance.assign(v, v + channels);
  }
  // In T, in keras.ops.batch_normalization's order (the rsqrt, binary and unary kernels').
  std::vector<T> scale(cs), shift(cs);
  const T epsilon = static_cast<T>(a.epsilon);
  for (std::size_t c = 0; c < cs; ++c) {
    T s = T(1) / std::sqrt(variance[c] + epsilon);
    if (gamma) s = s * gamma[c];
    T t = -mean[c] * s;
    if (beta) t = t + beta[c];
    scale[c] = s, shift[c] = t;
  }
  apply_rows<T>(rows, channels, scale.data(), x, nullptr, nullptr, nullptr, shift.data(),
                static_cast<T*>(a.out[0]->data()));
}

// dx = gamma r (dy - mean(dy) - xhat mean(dy xhat)) with xhat = (x - mean) r, written as
// p dy + q (x - mean) + d per channel.
template <class T>
void backward(const BatchNormArgs& a) {
  const T* x = static_cast<const T*>(a.in[0]->data());
  const T* dy = static_cast<const T*>(a.in[1]->data());
  const T* mean = static_cast<const T*>(a.in[2]->data());
  const T* variance = static_cast<const T*>(a.in[3]->data());
  const T* gamma = a.in[4] ? static_cast<const T*>(a.in[4]->data()) : nullptr;
  const Idx rows = a.outer, channels = a.channels;
  const auto cs = static_cast<std::size_t>(channels);
  std::vector<double> r(cs);
  for (std::size_t c = 0; c < cs; ++c)
    r[c] = 1.0 / std::sqrt(static_cast<double>(variance[c]) + a.epsilon);
  // sums[c] = sum dy, sums[channels + c] = sum dy (x - mean) (times r below: sum dy xhat).
  const std::vector<double> sums = channel_sums<2>(rows, channels, [&](Idx row, double* acc) {
    const T* xr = x + row * channels;
    const T* gr = dy + row * channels;
    for (Idx c = 0; c < channels; ++c) {
      const double g = static_cast<double>(gr[c]);
      acc[c] += g;
      acc[channels + c] += g * (static_cast<double>(xr[c]) - static_cast<double>(mean[c]));
    }
  });
  const double n = static_cast<double>(rows);
  std::vector<T> p(cs), q(cs), d(cs);
  for (std::size_t c = 0; c < cs; ++c) {
    const double sum_dy = sums[c], sum_dy_xhat = sums[cs + c] * r[c];
    const double gr = (gamma ? static_cast<double>(gamma[c]) : 1.0) * r[c];
    const double slope = sum_dy_xhat / n * r[c];  // of the (x - mean) term
    p[c] = static_cast<T>(gr);
    q[c] = static_cast<T>(-gr * slope);
    d[c] = static_cast<T>(-gr * sum_dy / n);
    if (a.out[1]) static_cast<T*>(a.out[1]->data())[c] = static_cast<T>(sum_dy_xhat);
    if (a.out[2]) static_cast<T*>(a.out[2]->data())[c] = static_cast<T>(sum_dy);
  }
  apply_rows<T>(rows, channels, p.data(), dy, q.data(), x, mean, d.data(),
                static_cast<T*>(a.out[0]->data()));
}

}  // namespace

void BlasBackend::batch_norm_forward(const BatchNormArgs& args) {
  if (!fast_layout(args)) return ReferenceBackend::batch_norm_forward(args);
  if (args.dtype == DType::float32) forward<float>(args);
  else forward<double>(args);
}

void BlasBackend::batch_norm_backward(const BatchNormArgs& args) {
  if (!fast_layout(args)) return ReferenceBackend::batch_norm_backward(args);
  if (args.dtype == DType::float32) backward<float>(args);
  else backward<double>(args);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
