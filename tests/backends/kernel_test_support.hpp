#pragma once
// Shared by the kernel-level tests: buffers from values, a naive double oracle for the
// convolution and pooling kernels, and the suite's float32 closeness check.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include "src/backends/reference/reference_backend.hpp"
#include "test_util.hpp"

namespace kernel_test {

using namespace keras;
using namespace keras::backend;
using Idx = std::int64_t;
using Vec = std::vector<double>;

inline const double kNaN = std::numeric_limits<double>::quiet_NaN();
inline const double kInf = std::numeric_limits<double>::infinity();

// |got - want| <= atol + rtol * |want| with the suite's float32 tolerance; NaN matches NaN.
inline void check_close(const Vec& got, const Vec& want, const std::string& what) {
  INFO(what);
  REQUIRE(got.size() == want.size());
  std::string m = testing::mismatch(got, want);
  if (!m.empty()) FAIL(what << ": " << m);
  SUCCEED();
}

// For sums of many products (a convolution's outputs and gradients): a difference within
// float32's rounding of the terms, 1e-6 * sum |term| (8 ulps of it), also passes. A value that
// cancels to near zero is only as exact as its terms are large, and backends sum in different
// orders (oneDNN's filter gradient is off by 1.3x the plain tolerance on such a value).
inline void check_close_sum(const Vec& got, const Vec& want, const Vec& abs_sum,
                            const std::string& what) {
  Vec within = got;
  for (std::size_t i = 0; i < got.size() && i < abs_sum.size(); ++i)
    if (std::fabs(got[i] - want[i]) <= 1e-6 * abs_sum[i]) within[i] = want[i];
  check_close(within, want, what);
}
inline Vec abs_values(Vec v) {
  for (double& e : v) e = std::fabs(e);
  return v;
}

// Buffers are filled and read through the backend's write / read, never through a host
// pointer, so the same tests run on backends whose memory is not host memory (strict).
inline BufferPtr make(Backend& be, const Vec& v, DType dt) {
  BufferPtr b = be.allocate(std::max<std::size_t>(1, v.size()) * dtype_size(dt));
  dispatch_dtype(dt, [&]<class T>() {
    std::unique_ptr<T[]> host(new T[std::max<std::size_t>(1, v.size())]);
    for (std::size_t i = 0; i < v.size(); ++i) host[i] = static_cast<T>(v[i]);
    be.write(*b, 0, host.get(), v.size() * sizeof(T));
  });
  return b;
}
inline BufferPtr make_empty(Backend& be, Idx n, DType dt) {
  // Poisoned so unwritten outputs show up.
  return dispatch_dtype(dt, [&]<class T>() {
    return make(be, Vec(static_cast<std::size_t>(n), std::is_floating_point_v<T> ? 12345.0 : 77),
                dt);
  });
}
inline Vec read(Backend& be, const Buffer& b, Idx n, DType dt) {
  Vec v(static_cast<std::size_t>(n));
  dispatch_dtype(dt, [&]<class T>() {
    std::unique_ptr<T[]> host(new T[std::max<Idx>(1, n)]);
    be.read(b, 0, host.get(), static_cast<std::size_t>(n) * sizeof(T));
    for (Idx i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = static_cast<double>(host[i]);
  });
  return v;
}
// Values as stored in dtype (so the oracle sees exactly the kernel's inputs). Into an integer
// dtype as XLA (Keras on JAX) converts: NaN to 0, saturating at the dtype's range.
inline double round_to(double v, DType dt) {
  return dispatch_dtype(dt, [&]<class T>() {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      if (std::isnan(v)) return 0.0;
      const auto lo = static_cast<double>(std::numeric_limits<T>::min());
      const auto hi = static_cast<double>(std::numeric_limits<T>::max());
      if (v <= lo || v >= hi) return v <= lo ? lo : hi;
    }
    return static_cast<double>(static_cast<T>(v));
  });
}
inline Vec rounded(Vec v, DType dt) {
  for (auto& x : v) x = round_to(x, dt);
  return v;
}
inline Vec random_values(Idx n, std::uint32_t seed, double lo = -1, double hi = 1,
                         double step = 0) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  Vec v(static_cast<std::size_t>(n));
  for (auto& x : v) x = step > 0 ? std::round(dist(gen) / step) * step : dist(gen);
  return v;
}

class ThreadsScope {
 public:
  explicit ThreadsScope(int n) : previous_(config::num_threads()) { config::set_num_threads(n); }
  ~ThreadsScope() { config::set_num_threads(previous_); }

 private:
  int previous_;
};

inline const DType kFloatTypes[] = {DType::float32, DType::float64};

// ---- oracles --------------------------------------------------------------------------

inline std::array<Idx, 3> out_extent(const std::array<Idx, 3>& in, const std::array<Idx, 3>& k,
                                     const std::array<Idx, 3>& s, const std::array<Idx, 3>& d,
                                     const std::array<Idx, 3>& pb, const std::array<Idx, 3>& pa) {
  std::array<Idx, 3> o{};
  for (int i = 0; i < 3; ++i) o[i] = (in[i] + pb[i] + pa[i] - d[i] * (k[i] - 1) - 1) / s[i] + 1;
  return o;
}

enum class ConvMode { forward, data, filter };

// result = forward y, dx or dw, by the definition in backend.hpp.
inline Vec naive_conv(ConvMode mode, const ConvGeometry& g, const Vec& x, const Vec& w,
                      const Vec& dy) {
  const Idx cin_g = g.in_channels / g.groups, cout_g = g.out_channels / g.groups;
  const auto& I = g.in;
  const auto& O = g.out;
  const auto& K = g.kernel;
  Idx size = mode == ConvMode::forward ? g.batch * O[0] * O[1] * O[2] * g.out_channels
             : mode == ConvMode::data  ? g.batch * I[0] * I[1] * I[2] * g.in_channels
                                       : K[0] * K[1] * K[2] * cin_g * g.out_channels;
  Vec r(static_cast<std::size_t>(size), 0.0);
  for (Idx b = 0; b < g.batch; ++b)
    for (Idx o0 = 0; o0 < O[0]; ++o0)
      for (Idx o1 = 0; o1 < O[1]; ++o1)
        for (Idx o2 = 0; o2 < O[2]; ++o2)
          for (Idx k0 = 0; k0 < K[0]; ++k0)
            for (Idx k1 = 0; k1 < K[1]; ++k1)
              for (Idx k2 = 0; k2 < K[2]; ++k2) {
                const Idx i0 = o0 * g.stride[0] - g.pad_before[0] + k0 * g.dilation[0];
                const Idx i1 = o1 * g.stride[1] - g.pad_before[1] + k1 * g.dilation[1];
                const Idx i2 = o2 * g.stride[2] - g.pad_before[2] + k2 * g.dilation[2];
                if (i0 < 0 || i1 < 0 || i2 < 0 || i0 >= I[0] || i1 >= I[1] || i2 >= I[2]) continue;
                for (Idx oc = 0; oc < g.out_channels; ++oc)
                  for (Idx ic = 0; ic < cin_g; ++ic) {
                    const Idx c = (oc / cout_g) * cin_g + ic;
                    const auto xi = static_cast<std::size_t>(
                        (((b * I[0] + i0) * I[1] + i1) * I[2] + i2) * g.in_channels + c);
                    const auto wi = static_cast<std::size_t>(
                        (((k0 * K[1] + k1) * K[2] + k2) * cin_g + ic) * g.out_channels + oc);
                    const auto yi = static_cast<std::size_t>(
                        (((b * O[0] + o0) * O[1] + o1) * O[2] + o2) * g.out_channels + oc);
                    if (mode == ConvMode::forward) r[yi] += x[xi] * w[wi];
                    else if (mode == ConvMode::data) r[xi] += dy[yi] * w[wi];
                    else r[wi] += x[xi] * dy[yi];
                  }
              }
  return r;
}

// Pooling by the definition: window taps inside the input; max propagates NaN and sends the
// gradient to the element it chose (the first NaN, else the first maximum); average counts
// only valid taps.
inline void naive_pool(PoolOp op, const PoolGeometry& g, const Vec& x, const Vec& dy, Vec& y,
                       Vec& dx) {
  const auto& I = g.in;
  const auto& O = g.out;
  y.assign(static_cast<std::size_t>(g.batch * O[0] * O[1] * O[2] * g.channels), 0.0);
  dx.assign(x.size(), 0.0);
  for (Idx b = 0; b < g.batch; ++b)
    for (Idx o0 = 0; o0 < O[0]; ++o0)
      for (Idx o1 = 0; o1 < O[1]; ++o1)
        for (Idx o2 = 0; o2 < O[2]; ++o2)
          for (Idx c = 0; c < g.channels; ++c) {
            std::vector<std::size_t> taps;
            for (Idx k0 = 0; k0 < g.window[0]; ++k0)
              for (Idx k1 = 0; k1 < g.window[1]; ++k1)
                for (Idx k2 = 0; k2 < g.window[2]; ++k2) {
                  const Idx i0 = o0 * g.stride[0] - g.pad_before[0] + k0;
                  const Idx i1 = o1 * g.stride[1] - g.pad_before[1] + k1;
                  const Idx i2 = o2 * g.stride[2] - g.pad_before[2] + k2;
                  if (i0 < 0 || i1 < 0 || i2 < 0 || i0 >= I[0] || i1 >= I[1] || i2 >= I[2])
                    continue;
                  taps.push_back(static_cast<std::size_t>(
                      (((b * I[0] + i0) * I[1] + i1) * I[2] + i2) * g.channels + c));
                }
            const auto yi = static_cast<std::size_t>(
                (((b * O[0] + o0) * O[1] + o1) * O[2] + o2) * g.channels + c);
            double acc = op == PoolOp::max ? -kInf : 0.0;
            std::size_t best = taps.at(0);
            for (auto t : taps) {
              if (op == PoolOp::average) acc += x[t];
              else if (std::isnan(x[t]) || std::isnan(acc)) acc = kNaN;
              else acc = std::max(acc, x[t]);
              if (!std::isnan(x[best]) && (x[t] > x[best] || std::isnan(x[t]))) best = t;
            }
            y[yi] = op == PoolOp::average ? acc / double(taps.size()) : acc;
            if (op == PoolOp::max) dx[best] += dy[yi];
            else
              for (auto t : taps) dx[t] += dy[yi] / double(taps.size());
          }
}

// Matmul with transposes, batch strides and broadcast batches on odd sizes that hit every
// path of the blas backend, against a naive double oracle.
inline void check_matmul_cases(Backend& be, const std::string& label) {
  struct Case {
    Idx batch, m, n, k;
    bool ta, tb;
    Idx sa, sb;
  };
  // sa/sb: -1 = batched back to back, 0 = one matrix shared by every batch.
  const std::vector<Case> cases{
      {1, 17, 9, 33, false, false, -1, -1},
      {1, 17, 9, 33, true, false, -1, -1},
      {1, 17, 9, 33, false, true, -1, -1},
      {1, 17, 9, 33, true, true, -1, -1},
      {3, 5, 7, 11, false, false, -1, 0},
      {3, 5, 7, 11, false, true, -1, 0},
      {3, 5, 7, 11, true, false, -1, 0},
      {2, 6, 3, 4, false, false, 0, -1},
      {4, 13, 1, 7, true, true, -1, -1},
      {2, 3, 4, 0, false, false, -1, -1},
      // Transposed b much bigger than a: computed as c^T = b . op(a)^T, then transposed.
      {2, 5, 40, 33, false, true, -1, -1},
      {1, 6, 37, 29, true, true, -1, -1},
      {3, 4, 35, 30, false, true, -1, 0},
      // A few rows against an unpacked b (a batch-1 Dense layer): full column panels, whole
      // vectors past them and single columns; several rows per tile; a folded batch.
      {1, 1, 200, 37, false, false, -1, -1},
      {1, 7, 83, 20, false, false, -1, -1},
      {2, 3, 45, 9, false, false, -1, 0},
      {1, 8, 5, 3, false, false, -1, -1},
      // Wide enough for every thread to pack and compute its own column panels (with a
      // partial last panel; b as stored and transposed).
      {1, 20, 300, 40, false, false, -1, -1},
      {1, 64, 300, 40, false, true, -1, -1},
      {2, 9, 290, 30, false, false, -1, 0},
      // Dense-like, and deeper than the micro-kernel path takes (the OpenBLAS path).
      {1, 37, 70, 129, true, false, -1, -1},
      {2, 5, 3, 1100, false, false, -1, 0},
      {1, 6, 5, 1100, true, true, -1, -1},
      // A weight gradient's shape, a^T . b over 2500 rows: the micro-kernels' slices of 1024
      // rows (the last one partial), summed.
      {1, 9, 70, 2500, true, false, -1, -1}};
  for (DType dt : kFloatTypes)
    for (const auto& c : cases) {
      const Idx sa = c.sa < 0 ? c.m * c.k : 0, sb = c.sb < 0 ? c.k * c.n : 0;
      const Vec a = rounded(random_values((c.batch - 1) * sa + c.m * c.k, 11), dt);
      const Vec b = rounded(random_values((c.batch - 1) * sb + c.k * c.n, 12), dt);
      Vec want(static_cast<std::size_t>(c.batch * c.m * c.n), 0.0);
      for (Idx bi = 0; bi < c.batch; ++bi)
        for (Idx i = 0; i < c.m; ++i)
          for (Idx j = 0; j < c.n; ++j)
            for (Idx p = 0; p < c.k; ++p)
              want[static_cast<std::size_t>((bi * c.m + i) * c.n + j)] +=
                  a[static_cast<std::size_t>(bi * sa + (c.ta ? p * c.m + i : i * c.k + p))] *
                  b[static_cast<std::size_t>(bi * sb + (c.tb ? j * c.k + p : p * c.n + j))];
      auto pa = make(be, a, dt), pb = make(be, b, dt);
      auto out = make_empty(be, c.batch * c.m * c.n, dt);
      be.matmul({pa.get(), pb.get(), out.get(), dt, c.batch, c.m, c.n, c.k, c.ta, c.tb, sa, sb});
      check_close(read(be, *out, c.batch * c.m * c.n, dt), want,
                  label + " matmul " + std::string(dtype_name(dt)) + " m=" + std::to_string(c.m) +
                      " ta=" + std::to_string(c.ta) + " tb=" + std::to_string(c.tb) +
                      " batch=" + std::to_string(c.batch));
    }
}

}  // namespace kernel_test
