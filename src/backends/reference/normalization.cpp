// Batch normalization's kernels in their plain form: sums in double, the statistics rounded to
// the tensor's dtype before they are used (as the ops they replace hand them on).
#include <cmath>
#include <vector>

#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {
namespace {

template <class T>
const T* operand(const Buffer* b) {
  return b ? static_cast<const T*>(b->data()) : nullptr;
}
template <class T>
T* result(Buffer* b) {
  return b ? static_cast<T*>(b->data()) : nullptr;
}

// Calls f(channel, index) for every element, index into the (outer, channels, inner) view.
template <class F>
void for_each_element(const BatchNormArgs& a, F&& f) {
  for (std::int64_t o = 0; o < a.outer; ++o)
    for (std::int64_t c = 0; c < a.channels; ++c)
      for (std::int64_t i = 0; i < a.inner; ++i) f(c, (o * a.channels + c) * a.inner + i);
}

}  // namespace

void ReferenceBackend::batch_norm_forward(const BatchNormArgs& a) {
  dispatch_float(a.dtype, "batch_norm_forward kernel: expected", [&]<class T>() {
    const T* x = operand<T>(a.in[0]);
    const T *gamma = operand<T>(a.in[3]), *beta = operand<T>(a.in[4]);
    const auto channels = static_cast<std::size_t>(a.channels);
    const double n = static_cast<double>(a.outer * a.inner);
    std::vector<T> mean(channels), variance(channels);
    if (a.training) {
      std::vector<double> sum(channels), squares(channels);
      for_each_element(a, [&](std::int64_t c, std::int64_t k) { sum[c] += x[k]; });
      for (std::size_t c = 0; c < channels; ++c) mean[c] = static_cast<T>(sum[c] / n);
      for_each_element(a, [&](std::int64_t c, std::int64_t k) {
        const double d = static_cast<double>(x[k]) - static_cast<double>(mean[c]);
        squares[c] += d * d;
      });
      for (std::size_t c = 0; c < channels; ++c) {
        variance[c] = static_cast<T>(squares[c] / n);
        result<T>(a.out[1])[c] = mean[c];
        result<T>(a.out[2])[c] = variance[c];
      }
    } else {
      for (std::size_t c = 0; c < channels; ++c)
        mean[c] = operand<T>(a.in[1])[c], variance[c] = operand<T>(a.in[2])[c];
    }
    std::vector<double> scale(channels), shift(channels);
    for (std::size_t c = 0; c < channels; ++c) {
      scale[c] = 1.0 / std::sqrt(static_cast<double>(variance[c]) + a.epsilon);
      if (gamma) scale[c] *= static_cast<double>(gamma[c]);
      shift[c] = -static_cast<double>(mean[c]) * scale[c];
      if (beta) shift[c] += static_cast<double>(beta[c]);
    }
    T* y = result<T>(a.out[0]);
    for_each_element(a, [&](std::int64_t c, std::int64_t k) {
      y[k] = static_cast<T>(static_cast<double>(x[k]) * scale[c] + shift[c]);
    });
  });
}

// dx = gamma r (dy - mean(dy) - xhat mean(dy xhat)), xhat = (x - mean) r, r = rsqrt(variance +
// epsilon): the gradient through the normalization and through the batch's statistics.
void ReferenceBackend::batch_norm_backward(const BatchNormArgs& a) {
  dispatch_float(a.dtype, "batch_norm_backward kernel: expected", [&]<class T>() {
    const T *x = operand<T>(a.in[0]), *dy = operand<T>(a.in[1]);
    const T *mean = operand<T>(a.in[2]), *variance = operand<T>(a.in[3]);
    const T* gamma = operand<T>(a.in[4]);
    const auto channels = static_cast<std::size_t>(a.channels);
    const double n = static_cast<double>(a.outer * a.inner);
    std::vector<double> r(channels), sum_dy(channels), sum_dy_xhat(channels);
    for (std::size_t c = 0; c < channels; ++c)
      r[c] = 1.0 / std::sqrt(static_cast<double>(variance[c]) + a.epsilon);
    auto xhat = [&](std::int64_t c, std::int64_t k) {
      return (static_cast<double>(x[k]) - static_cast<double>(mean[c])) * r[c];
    };
    for_each_element(a, [&](std::int64_t c, std::int64_t k) {
      sum_dy[c] += dy[k];
      sum_dy_xhat[c] += static_cast<double>(dy[k]) * xhat(c, k);
    });
    T* dx = result<T>(a.out[0]);
    for_each_element(a, [&](std::int64_t c, std::int64_t k) {
      const double g = gamma ? static_cast<double>(gamma[c]) : 1.0;
      dx[k] = static_cast<T>(
          g * r[c] *
          (static_cast<double>(dy[k]) - sum_dy[c] / n - xhat(c, k) * sum_dy_xhat[c] / n));
    });
    for (std::size_t c = 0; c < channels; ++c) {
      if (T* dgamma = result<T>(a.out[1])) dgamma[c] = static_cast<T>(sum_dy_xhat[c]);
      if (T* dbeta = result<T>(a.out[2])) dbeta[c] = static_cast<T>(sum_dy[c]);
    }
  });
}

}  // namespace keras::backend
