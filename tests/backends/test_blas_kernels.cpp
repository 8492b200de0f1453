// Kernel-level tests of every compiled-in backend (blas and reference in the blas build,
// reference alone otherwise). Each kernel runs directly through keras::backend::get(name) on
// random inputs with odd sizes chosen to hit every fast path and every fallback of the blas
// backend, and is compared with a naive oracle written here (in double), so the tests check
// something in either build; in the blas build both backends meet the same oracle.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <sstream>
#include <vector>

#include "keras/backends/reference/reference_backend.hpp"
#include "test_util.hpp"

using namespace keras;
using namespace keras::backend;
using Idx = std::int64_t;
using Vec = std::vector<double>;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// |got - want| <= atol + rtol * |want| with the suite's float32 tolerance; NaN matches NaN.
void check_close(const Vec& got, const Vec& want, const std::string& what) {
  INFO(what);
  REQUIRE(got.size() == want.size());
  std::size_t bad = 0, first = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const bool ok = (std::isnan(got[i]) && std::isnan(want[i])) || got[i] == want[i] ||
                    std::fabs(got[i] - want[i]) <= testing::kAtol + testing::kRtol * std::fabs(want[i]);
    if (!ok && bad++ == 0) first = i;
  }
  if (bad) {
    std::ostringstream os;
    os << what << ": " << bad << " of " << got.size() << " differ; first at " << first
       << ": got " << got[first] << ", want " << want[first];
    FAIL(os.str());
  }
  SUCCEED();
}

BufferPtr make(Backend& be, const Vec& v, DType dt) {
  BufferPtr b = be.allocate(std::max<std::size_t>(1, v.size()) * dtype_size(dt));
  dispatch_dtype(dt, [&]<class T>() {
    T* p = static_cast<T*>(b->data());
    for (std::size_t i = 0; i < v.size(); ++i) p[i] = static_cast<T>(v[i]);
  });
  return b;
}
BufferPtr make_empty(Backend& be, Idx n, DType dt) {
  BufferPtr b = be.allocate(static_cast<std::size_t>(std::max<Idx>(1, n)) * dtype_size(dt));
  dispatch_dtype(dt, [&]<class T>() {  // poison so unwritten outputs show up
    T* p = static_cast<T*>(b->data());
    for (Idx i = 0; i < n; ++i) p[i] = static_cast<T>(std::is_floating_point_v<T> ? 12345.0 : 77);
  });
  return b;
}
Vec read(const Buffer& b, Idx n, DType dt) {
  Vec v(static_cast<std::size_t>(n));
  dispatch_dtype(dt, [&]<class T>() {
    const T* p = static_cast<const T*>(b.data());
    for (Idx i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = static_cast<double>(p[i]);
  });
  return v;
}
// Values as stored in dtype (so the oracle sees exactly the kernel's inputs).
double round_to(double v, DType dt) {
  return dispatch_dtype(dt, [&]<class T>() { return static_cast<double>(static_cast<T>(v)); });
}
Vec rounded(Vec v, DType dt) {
  for (auto& x : v) x = round_to(x, dt);
  return v;
}
Vec random_values(Idx n, std::uint32_t seed, double lo = -1, double hi = 1, double step = 0) {
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

const DType kFloatTypes[] = {DType::float32, DType::float64};

// ---- oracles --------------------------------------------------------------------------

std::array<Idx, 3> out_extent(const std::array<Idx, 3>& in, const std::array<Idx, 3>& k,
                              const std::array<Idx, 3>& s, const std::array<Idx, 3>& d,
                              const std::array<Idx, 3>& pb, const std::array<Idx, 3>& pa) {
  std::array<Idx, 3> o{};
  for (int i = 0; i < 3; ++i) o[i] = (in[i] + pb[i] + pa[i] - d[i] * (k[i] - 1) - 1) / s[i] + 1;
  return o;
}

enum class ConvMode { forward, data, filter };

// result = forward y, dx or dw, by the definition in backend.hpp.
Vec naive_conv(ConvMode mode, const ConvGeometry& g, const Vec& x, const Vec& w, const Vec& dy) {
  const Idx cin_g = g.in_channels / g.groups, cout_g = g.out_channels / g.groups;
  const auto& I = g.in; const auto& O = g.out; const auto& K = g.kernel;
  Idx size = mode == ConvMode::forward ? g.batch * O[0] * O[1] * O[2] * g.out_channels
           : mode == ConvMode::data   ? g.batch * I[0] * I[1] * I[2] * g.in_channels
                                      : K[0] * K[1] * K[2] * cin_g * g.out_channels;
  Vec r(static_cast<std::size_t>(size), 0.0);
  for (Idx b = 0; b < g.batch; ++b)
    for (Idx o0 = 0; o0 < O[0]; ++o0) for (Idx o1 = 0; o1 < O[1]; ++o1) for (Idx o2 = 0; o2 < O[2]; ++o2)
    for (Idx k0 = 0; k0 < K[0]; ++k0) for (Idx k1 = 0; k1 < K[1]; ++k1) for (Idx k2 = 0; k2 < K[2]; ++k2) {
      const Idx i0 = o0 * g.stride[0] - g.pad_before[0] + k0 * g.dilation[0];
      const Idx i1 = o1 * g.stride[1] - g.pad_before[1] + k1 * g.dilation[1];
      const Idx i2 = o2 * g.stride[2] - g.pad_before[2] + k2 * g.dilation[2];
      if (i0 < 0 || i1 < 0 || i2 < 0 || i0 >= I[0] || i1 >= I[1] || i2 >= I[2]) continue;
      for (Idx oc = 0; oc < g.out_channels; ++oc)
        for (Idx ic = 0; ic < cin_g; ++ic) {
          const Idx c = (oc / cout_g) * cin_g + ic;
          const auto xi = static_cast<std::size_t>((((b * I[0] + i0) * I[1] + i1) * I[2] + i2) * g.in_channels + c);
          const auto wi = static_cast<std::size_t>((((k0 * K[1] + k1) * K[2] + k2) * cin_g + ic) * g.out_channels + oc);
          const auto yi = static_cast<std::size_t>((((b * O[0] + o0) * O[1] + o1) * O[2] + o2) * g.out_channels + oc);
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
void naive_pool(PoolOp op, const PoolGeometry& g, const Vec& x, const Vec& dy, Vec& y, Vec& dx) {
  const auto& I = g.in; const auto& O = g.out;
  y.assign(static_cast<std::size_t>(g.batch * O[0] * O[1] * O[2] * g.channels), 0.0);
  dx.assign(x.size(), 0.0);
  for (Idx b = 0; b < g.batch; ++b)
    for (Idx o0 = 0; o0 < O[0]; ++o0) for (Idx o1 = 0; o1 < O[1]; ++o1) for (Idx o2 = 0; o2 < O[2]; ++o2)
      for (Idx c = 0; c < g.channels; ++c) {
        std::vector<std::size_t> taps;
        for (Idx k0 = 0; k0 < g.window[0]; ++k0) for (Idx k1 = 0; k1 < g.window[1]; ++k1)
          for (Idx k2 = 0; k2 < g.window[2]; ++k2) {
            const Idx i0 = o0 * g.stride[0] - g.pad_before[0] + k0;
            const Idx i1 = o1 * g.stride[1] - g.pad_before[1] + k1;
            const Idx i2 = o2 * g.stride[2] - g.pad_before[2] + k2;
            if (i0 < 0 || i1 < 0 || i2 < 0 || i0 >= I[0] || i1 >= I[1] || i2 >= I[2]) continue;
            taps.push_back(static_cast<std::size_t>((((b * I[0] + i0) * I[1] + i1) * I[2] + i2) * g.channels + c));
          }
        const auto yi = static_cast<std::size_t>((((b * O[0] + o0) * O[1] + o1) * O[2] + o2) * g.channels + c);
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
        else for (auto t : taps) dx[t] += dy[yi] / double(taps.size());
      }
}

}  // namespace

TEST_CASE("every backend lists only real kernels as accelerated", "[blas]") {
  const std::set<std::string> kernels{
      "fill", "cast", "copy_strided", "unary", "binary", "where", "reduce", "arg_reduce",
      "matmul", "conv_forward", "conv_backward_data", "conv_backward_filter", "pool_forward",
      "pool_backward", "gather", "scatter_add"};
  for (const auto& name : available()) {
    const std::vector<std::string> accelerated = get(name).accelerated_kernels();
    for (const auto& k : accelerated) CHECK(kernels.count(k) == 1);
    if (name == "blas")
      for (const char* k : {"matmul", "conv_forward", "conv_backward_data", "conv_backward_filter",
                            "pool_forward", "pool_backward", "unary", "binary", "reduce"})
        CHECK(std::count(accelerated.begin(), accelerated.end(), std::string(k)) == 1);
  }
}

TEST_CASE("matmul with transposes, batch strides and broadcast batches", "[blas]") {
  struct Case { Idx batch, m, n, k; bool ta, tb; Idx sa, sb; };
  // sa/sb: -1 = batched back to back, 0 = one matrix shared by every batch.
  const std::vector<Case> cases{
      {1, 17, 9, 33, false, false, -1, -1}, {1, 17, 9, 33, true, false, -1, -1},
      {1, 17, 9, 33, false, true, -1, -1},  {1, 17, 9, 33, true, true, -1, -1},
      {3, 5, 7, 11, false, false, -1, 0},   {3, 5, 7, 11, false, true, -1, 0},
      {3, 5, 7, 11, true, false, -1, 0},    {2, 6, 3, 4, false, false, 0, -1},
      {4, 13, 1, 7, true, true, -1, -1},    {2, 3, 4, 0, false, false, -1, -1},
      // Transposed b much bigger than a: computed as c^T = b . op(a)^T, then transposed.
      {2, 5, 40, 33, false, true, -1, -1}, {1, 6, 37, 29, true, true, -1, -1},
      {3, 4, 35, 30, false, true, -1, 0},
      // Dense-like, and deeper than the micro-kernel path takes (the OpenBLAS path).
      {1, 37, 70, 129, true, false, -1, -1}, {2, 5, 3, 1100, false, false, -1, 0},
      {1, 6, 5, 1100, true, true, -1, -1}};
  for (const auto& name : available())
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
        Backend& be = get(name);
        auto pa = make(be, a, dt), pb = make(be, b, dt);
        auto out = make_empty(be, c.batch * c.m * c.n, dt);
        be.matmul({pa.get(), pb.get(), out.get(), dt, c.batch, c.m, c.n, c.k, c.ta, c.tb, sa, sb});
        check_close(read(*out, c.batch * c.m * c.n, dt), want,
                    name + " matmul " + std::string(dtype_name(dt)) + " m=" + std::to_string(c.m) +
                        " ta=" + std::to_string(c.ta) + " tb=" + std::to_string(c.tb) +
                        " batch=" + std::to_string(c.batch));
      }
}

TEST_CASE("convolution forward, data and filter gradients in 1-3D", "[blas]") {
  struct Case {
    int nd; Idx batch, cin, cout, groups;
    std::array<Idx, 3> in, k, s, d, pb, pa;
    int threads;
  };
  const std::vector<Case> cases{
      // 2-D: strides, dilation, asymmetric padding; grouped; depthwise.
      {2, 2, 3, 4, 1, {7, 9, 1}, {3, 2, 1}, {2, 1, 1}, {1, 2, 1}, {1, 0, 0}, {2, 1, 0}, 1},
      {2, 3, 4, 6, 2, {6, 5, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},
      {2, 2, 4, 8, 4, {5, 7, 1}, {3, 3, 1}, {2, 2, 1}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},
      // 1x1: the pointwise GEMM path (plain and grouped) and the strided im2col path.
      {2, 3, 5, 7, 1, {4, 5, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 1},
      {2, 2, 6, 9, 3, {3, 5, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 1},
      {2, 2, 3, 5, 1, {7, 6, 1}, {1, 1, 1}, {2, 3, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 1},
      // 1-D with stride, dilation and padding; 3-D plain and grouped.
      {1, 3, 2, 3, 1, {11, 1, 1}, {3, 1, 1}, {2, 1, 1}, {2, 1, 1}, {2, 0, 0}, {1, 0, 0}, 1},
      {3, 2, 3, 4, 1, {5, 4, 6}, {2, 3, 2}, {1, 2, 1}, {2, 1, 1}, {1, 1, 0}, {0, 1, 1}, 1},
      {3, 1, 4, 6, 2, {4, 5, 3}, {3, 2, 2}, {1, 1, 2}, {1, 1, 1}, {1, 0, 1}, {1, 0, 0}, 1},
      // Winograd F(2x2, 3x3) (3x3, unit stride, >= 8 channels each side): odd extents (partial
      // tiles), same and asymmetric padding, several tile blocks with a tail, two threads.
      {2, 3, 9, 10, 1, {7, 9, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},
      {2, 2, 12, 17, 1, {10, 8, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 2, 0}, {2, 0, 0}, 1},
      {2, 7, 8, 24, 1, {15, 14, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      // Fashion-MNIST-like layers; big enough for several im2col chunks (whole images, then
      // pieces of one image), two threads.
      {2, 5, 1, 8, 1, {28, 28, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      {2, 9, 16, 8, 1, {13, 13, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      {2, 2, 32, 3, 1, {26, 25, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {1, 0, 0}, {1, 0, 0}, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    ConvGeometry g;
    g.nd = c.nd; g.batch = c.batch; g.in_channels = c.cin; g.out_channels = c.cout;
    g.groups = c.groups; g.in = c.in; g.kernel = c.k; g.stride = c.s; g.dilation = c.d;
    g.pad_before = c.pb;
    g.out = out_extent(c.in, c.k, c.s, c.d, c.pb, c.pa);
    const Idx nx = c.batch * c.in[0] * c.in[1] * c.in[2] * c.cin;
    const Idx ny = c.batch * g.out[0] * g.out[1] * g.out[2] * c.cout;
    const Idx nw = c.k[0] * c.k[1] * c.k[2] * (c.cin / c.groups) * c.cout;
    for (DType dt : kFloatTypes) {
      const Vec x = rounded(random_values(nx, 21), dt), w = rounded(random_values(nw, 22), dt);
      const Vec dy = rounded(random_values(ny, 23), dt);
      const Vec want_y = naive_conv(ConvMode::forward, g, x, w, dy);
      const Vec want_dx = naive_conv(ConvMode::data, g, x, w, dy);
      const Vec want_dw = naive_conv(ConvMode::filter, g, x, w, dy);
      for (const auto& name : available()) {
        Backend& be = get(name);
        const std::string what = name + " conv" + std::to_string(c.nd) + "d " +
                                 std::string(dtype_name(dt)) + " cin=" + std::to_string(c.cin) +
                                 " groups=" + std::to_string(c.groups);
        auto bx = make(be, x, dt), bw = make(be, w, dt), bdy = make(be, dy, dt);
        auto y = make_empty(be, ny, dt), dx = make_empty(be, nx, dt), dw = make_empty(be, nw, dt);
        be.conv_forward(g, *bx, *bw, *y, dt);
        be.conv_backward_data(g, *bdy, *bw, *dx, dt);
        be.conv_backward_filter(g, *bx, *bdy, *dw, dt);
        check_close(read(*y, ny, dt), want_y, what + " forward");
        check_close(read(*dx, nx, dt), want_dx, what + " backward_data");
        check_close(read(*dw, nw, dt), want_dw, what + " backward_filter");
      }
    }
  }
}

TEST_CASE("max and average pooling forward and backward in 1-3D", "[blas]") {
  struct Case {
    int nd; Idx batch, channels;
    std::array<Idx, 3> in, win, s, pb, pa;
    int threads;
  };
  const std::vector<Case> cases{
      {2, 3, 5, {9, 7, 1}, {2, 2, 1}, {2, 2, 1}, {0, 0, 0}, {0, 0, 0}, 1},   // valid, cut edge
      {2, 2, 3, {6, 7, 1}, {3, 3, 1}, {2, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},   // same, overlap
      {1, 2, 4, {13, 1, 1}, {3, 1, 1}, {2, 1, 1}, {1, 0, 0}, {1, 0, 0}, 1},
      {3, 2, 3, {5, 4, 6}, {2, 3, 2}, {2, 1, 2}, {0, 1, 1}, {1, 1, 0}, 1},
      {2, 9, 32, {26, 26, 1}, {2, 2, 1}, {2, 2, 1}, {0, 0, 0}, {0, 0, 0}, 2},  // Fashion-MNIST
      {2, 5, 17, {11, 11, 1}, {3, 3, 1}, {2, 2, 1}, {1, 1, 0}, {1, 1, 0}, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    PoolGeometry g;
    g.nd = c.nd; g.batch = c.batch; g.channels = c.channels; g.in = c.in; g.window = c.win;
    g.stride = c.s; g.pad_before = c.pb;
    g.out = out_extent(c.in, c.win, c.s, {1, 1, 1}, c.pb, c.pa);
    const Idx nx = c.batch * c.in[0] * c.in[1] * c.in[2] * c.channels;
    const Idx ny = c.batch * g.out[0] * g.out[1] * g.out[2] * c.channels;
    for (DType dt : kFloatTypes)
      for (PoolOp op : {PoolOp::max, PoolOp::average}) {
        // Coarse values make ties, so "first maximum gets the gradient" is exercised.
        Vec x = rounded(random_values(nx, 31, -2, 2, 0.5), dt);
        if (op == PoolOp::max) x[3] = x[static_cast<std::size_t>(nx / 2)] = kNaN;
        const Vec dy = rounded(random_values(ny, 32), dt);
        Vec want_y, want_dx;
        naive_pool(op, g, x, dy, want_y, want_dx);
        for (const auto& name : available()) {
          Backend& be = get(name);
          const std::string what = name + (op == PoolOp::max ? " max" : " average") + "_pool" +
                                   std::to_string(c.nd) + "d " + std::string(dtype_name(dt));
          auto bx = make(be, x, dt), bdy = make(be, dy, dt);
          auto y = make_empty(be, ny, dt), dx = make_empty(be, nx, dt);
          be.pool_forward(op, g, *bx, *y, dt);
          be.pool_backward(op, g, *bx, *bdy, *dx, dt);
          check_close(read(*y, ny, dt), want_y, what + " forward");
          check_close(read(*dx, nx, dt), want_dx, what + " backward");
        }
      }
  }
}

namespace {
const UnaryOp kUnaryOps[] = {
    UnaryOp::negative, UnaryOp::abs, UnaryOp::sign, UnaryOp::exp, UnaryOp::expm1, UnaryOp::log,
    UnaryOp::log1p, UnaryOp::sqrt, UnaryOp::rsqrt, UnaryOp::square, UnaryOp::reciprocal,
    UnaryOp::sin, UnaryOp::cos, UnaryOp::tanh, UnaryOp::sigmoid, UnaryOp::relu, UnaryOp::relu6,
    UnaryOp::elu, UnaryOp::selu, UnaryOp::softplus, UnaryOp::softsign, UnaryOp::gelu_tanh,
    UnaryOp::gelu_erf, UnaryOp::silu, UnaryOp::hard_sigmoid, UnaryOp::leaky_relu, UnaryOp::erf,
    UnaryOp::round, UnaryOp::floor, UnaryOp::ceil, UnaryOp::logical_not, UnaryOp::isnan,
    UnaryOp::isinf, UnaryOp::isfinite};
bool unary_writes_bool(UnaryOp op) {
  return op == UnaryOp::logical_not || op == UnaryOp::isnan || op == UnaryOp::isinf ||
         op == UnaryOp::isfinite;
}
}  // namespace

TEST_CASE("every unary op on float32 and float64 matches apply_unary", "[blas]") {
  // 40007 values: several parallel chunks and a partial SIMD tail.
  for (Idx n : {Idx(7), Idx(1003), Idx(40007)}) {
    ThreadsScope threads(n > 20000 ? 2 : 1);
    Vec base = random_values(n, 41, -6, 6);
    const Vec special{0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 30.0, -30.0, 100.0, -100.0,
                      kNaN, kInf, -kInf, 1e-30, -1e-30, 6.0, -3.0};
    for (std::size_t i = 0; i < special.size() && i < base.size(); ++i) base[i * 3 % base.size()] = special[i];
    for (DType dt : kFloatTypes)
      for (UnaryOp op : kUnaryOps) {
        const double alpha = op == UnaryOp::leaky_relu ? 0.2 : 1.3;
        Vec x = base;
        if (op == UnaryOp::log || op == UnaryOp::sqrt || op == UnaryOp::rsqrt || op == UnaryOp::log1p)
          for (auto& v : x) v = std::isnan(v) ? v : std::fabs(v);
        x = rounded(x, dt);
        const DType out_dt = unary_writes_bool(op) ? DType::bool_ : dt;
        Vec want(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
          want[i] = round_to(apply_unary(op, x[i], alpha), out_dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto in = make(be, x, dt);
          auto out = make_empty(be, n, out_dt);
          be.unary(op, *in, *out, n, dt, alpha);
          check_close(read(*out, n, out_dt), want,
                      name + " unary op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + " n=" + std::to_string(n));
        }
      }
  }
}

TEST_CASE("unary ops at hand-computed points", "[blas]") {
  struct Point { UnaryOp op; double x, alpha, want; };
  const std::vector<Point> points{
      {UnaryOp::sigmoid, 0, 0, 0.5},          {UnaryOp::relu6, 7, 0, 6},
      {UnaryOp::hard_sigmoid, 0, 0, 0.5},     {UnaryOp::hard_sigmoid, kNaN, 0, kNaN},
      {UnaryOp::gelu_erf, 1, 0, 0.8413447460685429},
      {UnaryOp::gelu_tanh, 1, 0, 0.8411919906082768},
      {UnaryOp::softplus, 0, 0, 0.6931471805599453},
      {UnaryOp::selu, -1, 0, -1.1113307378125625}, {UnaryOp::elu, -1, 0.5, -0.31606027941427883},
      {UnaryOp::leaky_relu, -2, 0.2, -0.4},   {UnaryOp::round, 2.5, 0, 2},
      {UnaryOp::round, -0.5, 0, 0},           {UnaryOp::sign, kNaN, 0, kNaN},
      {UnaryOp::silu, 1, 0, 0.7310585786300049}, {UnaryOp::relu, kNaN, 0, kNaN},
      {UnaryOp::softsign, 3, 0, 0.75},        {UnaryOp::erf, 0.5, 0, 0.5204998778130465}};
  for (const auto& name : available())
    for (DType dt : kFloatTypes)
      for (const auto& p : points) {
        Backend& be = get(name);
        auto in = make(be, {p.x}, dt);
        auto out = make_empty(be, 1, dt);
        be.unary(p.op, *in, *out, 1, dt, p.alpha);
        check_close(read(*out, 1, dt), {p.want},
                    name + " unary op " + std::to_string(static_cast<int>(p.op)) + " at " +
                        std::to_string(p.x));
      }
}

namespace {
const BinaryOp kBinaryOps[] = {
    BinaryOp::add, BinaryOp::subtract, BinaryOp::multiply, BinaryOp::divide, BinaryOp::power,
    BinaryOp::maximum, BinaryOp::minimum, BinaryOp::equal, BinaryOp::not_equal, BinaryOp::less,
    BinaryOp::less_equal, BinaryOp::greater, BinaryOp::greater_equal, BinaryOp::logical_and,
    BinaryOp::logical_or, BinaryOp::logical_xor, BinaryOp::floor_divide, BinaryOp::mod};

// NumPy semantics in double (floats) or in int64 (integers; x / 0 gives 0 as the kernels do).
double binary_oracle(BinaryOp op, double a, double b, bool integer) {
  switch (op) {
    case BinaryOp::add: return a + b;
    case BinaryOp::subtract: return a - b;
    case BinaryOp::multiply: return a * b;
    case BinaryOp::maximum: return std::isnan(a) || std::isnan(b) ? kNaN : std::max(a, b);
    case BinaryOp::minimum: return std::isnan(a) || std::isnan(b) ? kNaN : std::min(a, b);
    case BinaryOp::equal: return a == b;
    case BinaryOp::not_equal: return a != b;
    case BinaryOp::less: return a < b;
    case BinaryOp::less_equal: return a <= b;
    case BinaryOp::greater: return a > b;
    case BinaryOp::greater_equal: return a >= b;
    case BinaryOp::logical_and: return a != 0 && b != 0;
    case BinaryOp::logical_or: return a != 0 || b != 0;
    case BinaryOp::logical_xor: return (a != 0) != (b != 0);
    default: break;
  }
  if (integer) {
    if (op == BinaryOp::power) return b < 0 ? (a == 1 ? 1 : 0) : std::pow(a, b);
    if (b == 0) return 0;
    const double q = std::floor(a / b);
    if (op == BinaryOp::divide) return std::trunc(a / b);
    return op == BinaryOp::floor_divide ? q : a - q * b;
  }
  switch (op) {
    case BinaryOp::divide: return a / b;
    case BinaryOp::power: return std::pow(a, b);
    case BinaryOp::floor_divide: return std::floor(a / b);
    default: {  // mod with the divisor's sign
      double r = std::fmod(a, b);
      return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
  }
}

// An operand of a broadcast over `out`: its own dims and element strides over out's dims.
struct Operand {
  std::vector<Idx> strides;
  Idx size;
};
}  // namespace

TEST_CASE("every binary op with each broadcast pattern", "[blas]") {
  struct Pattern { const char* name; Shape out; Operand a, b; int threads; };
  const std::vector<Pattern> patterns{
      {"same shape", {5, 7, 9}, {{63, 9, 1}, 315}, {{63, 9, 1}, 315}, 1},
      {"scalar b", {5, 7, 9}, {{63, 9, 1}, 315}, {{0, 0, 0}, 1}, 1},
      {"scalar a", {5, 7, 9}, {{0, 0, 0}, 1}, {{63, 9, 1}, 315}, 1},
      {"row (bias)", {5, 7, 9}, {{63, 9, 1}, 315}, {{0, 0, 1}, 9}, 1},
      {"row of a matrix", {5, 7, 9}, {{0, 9, 1}, 63}, {{63, 9, 1}, 315}, 1},
      {"column (keepdims)", {5, 7, 9}, {{63, 9, 1}, 315}, {{7, 1, 0}, 35}, 1},
      {"outer product", {5, 7, 9}, {{1, 0, 0}, 5}, {{0, 9, 1}, 63}, 1},
      {"size-1 dims", {5, 1, 9}, {{9, 9, 1}, 45}, {{0, 5, 1}, 9}, 1},
      {"middle broadcast (fallback)", {5, 7, 9}, {{63, 9, 1}, 315}, {{9, 0, 1}, 45}, 1},
      {"transposed (fallback)", {5, 7, 9}, {{1, 5, 35}, 315}, {{63, 9, 1}, 315}, 1},
      {"large row, 2 threads", {131, 257}, {{257, 1}, 131 * 257}, {{0, 1}, 257}, 2},
      {"large column, 2 threads", {131, 257}, {{257, 1}, 131 * 257}, {{1, 0}, 131}, 2}};
  const DType types[] = {DType::float32, DType::float64, DType::int32, DType::int64};
  for (const auto& p : patterns) {
    ThreadsScope threads(p.threads);
    const Idx n = p.out.size();
    for (DType dt : types) {
      const bool integer = !is_floating(dt);
      // Coarse values give ties and zeros; floats also get NaN.
      Vec a = rounded(random_values(p.a.size, 51, -4, 4, integer ? 1.0 : 0.5), dt);
      Vec b = rounded(random_values(p.b.size, 52, -4, 4, integer ? 1.0 : 0.5), dt);
      if (!integer && p.a.size > 4) a[3] = kNaN;
      if (!integer && p.b.size > 2) b[1] = kNaN;
      for (BinaryOp op : kBinaryOps) {
        const bool to_bool = is_comparison(op);
        const DType out_dt = to_bool ? DType::bool_ : dt;
        Vec base = b;
        if (op == BinaryOp::power)  // small integer exponents keep integer powers exact
          for (auto& v : base) v = std::isnan(v) ? v : std::fmod(std::fabs(v), 4.0) - (integer ? 1 : 0.5);
        Vec want(static_cast<std::size_t>(n));
        for (Idx i = 0; i < n; ++i) {
          Idx ia = 0, ib = 0, rem = i;
          for (int d = p.out.rank() - 1; d >= 0; --d) {
            const Idx k = rem % p.out[d];
            rem /= p.out[d];
            ia += k * p.a.strides[static_cast<std::size_t>(d)];
            ib += k * p.b.strides[static_cast<std::size_t>(d)];
          }
          want[static_cast<std::size_t>(i)] = binary_oracle(
              op, a[static_cast<std::size_t>(ia)], base[static_cast<std::size_t>(ib)], integer);
        }
        want = rounded(want, out_dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto pa = make(be, a, dt), pb = make(be, base, dt);
          auto out = make_empty(be, n, out_dt);
          be.binary(op, {pa.get(), p.a.strides}, {pb.get(), p.b.strides}, *out, p.out, dt);
          check_close(read(*out, n, out_dt), want,
                      name + " binary op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + ", " + p.name);
        }
      }
    }
  }
}

TEST_CASE("sum, max, min (and prod, any, all) over inner, outer and middle axes", "[blas]") {
  struct Case { Idx outer, reduced, inner; int threads; };
  const std::vector<Case> cases{{13, 37, 1, 1}, {1, 1001, 1, 1}, {1, 129, 515, 1}, {7, 5, 33, 1},
                                {3, 1, 4, 1}, {5000, 9, 1, 2}, {2, 20011, 1, 2}, {3, 40, 1100, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    const Idx n = c.outer * c.reduced * c.inner, m = c.outer * c.inner;
    for (DType dt : {DType::float32, DType::float64, DType::int32, DType::bool_})
      for (ReduceOp op : {ReduceOp::sum, ReduceOp::max, ReduceOp::min, ReduceOp::prod,
                          ReduceOp::any, ReduceOp::all}) {
        if ((dt == DType::bool_) != (op == ReduceOp::any || op == ReduceOp::all)) continue;
        Vec x = random_values(n, 61, dt == DType::bool_ ? 0 : -3, dt == DType::bool_ ? 1 : 3,
                              is_floating(dt) ? 0.0 : 1.0);
        if (op == ReduceOp::prod) for (auto& v : x) v = 1.0 + v / 1000.0;  // stays near 1
        if (is_floating(dt) && n > 40) x[17] = kNaN;
        x = rounded(x, dt);
        Vec want(static_cast<std::size_t>(m));
        for (Idx o = 0; o < c.outer; ++o)
          for (Idx i = 0; i < c.inner; ++i) {
            double acc = op == ReduceOp::prod || op == ReduceOp::all ? 1 : 0;
            bool nan = false;
            for (Idx r = 0; r < c.reduced; ++r) {
              const double v = x[static_cast<std::size_t>((o * c.reduced + r) * c.inner + i)];
              nan = nan || std::isnan(v);
              if (r == 0 && (op == ReduceOp::max || op == ReduceOp::min)) acc = v;
              switch (op) {
                case ReduceOp::sum: acc += v; break;
                case ReduceOp::prod: acc *= v; break;
                case ReduceOp::max: acc = std::max(acc, v); break;
                case ReduceOp::min: acc = std::min(acc, v); break;
                case ReduceOp::any: acc = acc || v != 0; break;
                case ReduceOp::all: acc = acc && v != 0; break;
              }
            }
            if (nan) acc = kNaN;
            want[static_cast<std::size_t>(o * c.inner + i)] = acc;
          }
        want = rounded(want, dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto in = make(be, x, dt);
          auto out = make_empty(be, m, dt);
          be.reduce(op, *in, *out, c.outer, c.reduced, c.inner, dt);
          check_close(read(*out, m, dt), want,
                      name + " reduce op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + " (" + std::to_string(c.outer) + ", " +
                          std::to_string(c.reduced) + ", " + std::to_string(c.inner) + ")");
        }
      }
  }
}

TEST_CASE("fill, cast and strided copies (transpose, slice, flip, broadcast)", "[blas]") {
  const DType all[] = {DType::float32, DType::float64, DType::int32, DType::int64, DType::uint8,
                       DType::bool_};
  ThreadsScope threads(2);
  for (const auto& name : available()) {
    Backend& be = get(name);
    for (DType dt : all)
      for (double value : {0.0, -0.0, 3.0, 1.0})
        for (Idx n : {Idx(1), Idx(77), Idx(100003)}) {
          auto out = make_empty(be, n, dt);
          be.fill(*out, dt, n, value);
          check_close(read(*out, n, dt), Vec(static_cast<std::size_t>(n), round_to(value, dt)),
                      name + " fill " + std::string(dtype_name(dt)));
        }
    const Vec src = random_values(40009, 71, -3, 300);
    for (DType from : all)
      for (DType to : all) {
        const Vec x = rounded(from == DType::uint8 ? random_values(40009, 72, 0, 255, 1.0) : src, from);
        Vec want(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) want[i] = round_to(x[i], to);
        if (to == DType::uint8 || to == DType::bool_)
          for (std::size_t i = 0; i < x.size(); ++i)  // out-of-range casts are unspecified
            if (to == DType::uint8 && (x[i] < 0 || x[i] > 255)) want[i] = kNaN;
        auto in = make(be, x, from);
        auto out = make_empty(be, static_cast<Idx>(x.size()), to);
        be.cast(*in, from, *out, to, static_cast<Idx>(x.size()));
        Vec got = read(*out, static_cast<Idx>(x.size()), to);
        for (std::size_t i = 0; i < x.size(); ++i) if (std::isnan(want[i])) got[i] = kNaN;
        check_close(got, want, name + " cast " + std::string(dtype_name(from)) + " -> " +
                                   std::string(dtype_name(to)));
      }
  }
  struct Copy { const char* name; Shape shape; Idx src_size, src_offset; std::vector<Idx> ss;
                Idx dst_size, dst_offset; std::vector<Idx> ds; };
  const std::vector<Copy> copies{
      {"contiguous", {3, 5, 7}, 105, 0, {35, 7, 1}, 105, 0, {35, 7, 1}},
      {"transpose 2-D (tiled)", {67, 45}, 45 * 67, 0, {1, 67}, 45 * 67, 0, {45, 1}},
      {"batched transpose", {3, 33, 40}, 3 * 1320, 0, {1320, 1, 33}, 3 * 1320, 0, {1320, 40, 1}},
      {"permute 3-D", {4, 5, 6}, 120, 0, {1, 24, 4}, 120, 0, {30, 6, 1}},
      {"slice with offset", {3, 4}, 70, 9, {10, 2}, 12, 0, {4, 1}},
      {"flip", {5, 6}, 30, 29, {-6, -1}, 30, 0, {6, 1}},
      {"broadcast row", {1000, 17}, 17, 0, {0, 1}, 17000, 0, {17, 1}},
      {"broadcast scalar", {9, 13}, 1, 0, {0, 0}, 117, 0, {13, 1}},
      {"into a concat slot", {4, 3}, 12, 0, {3, 1}, 40, 2, {10, 1}},
      {"size-1 dims", {1, 7, 1, 9}, 63, 0, {63, 9, 9, 1}, 63, 0, {1, 1, 63, 7}}};
  for (const auto& c : copies)
    for (DType dt : all) {
      const Vec x = rounded(random_values(c.src_size, 81, -100, 100, 1.0), dt);
      Vec want = rounded(Vec(static_cast<std::size_t>(c.dst_size), 0.0), dt);
      for (Idx i = 0; i < c.shape.size(); ++i) {
        Idx so = c.src_offset, dof = c.dst_offset, rem = i;
        for (int d = c.shape.rank() - 1; d >= 0; --d) {
          so += rem % c.shape[d] * c.ss[static_cast<std::size_t>(d)];
          dof += rem % c.shape[d] * c.ds[static_cast<std::size_t>(d)];
          rem /= c.shape[d];
        }
        want[static_cast<std::size_t>(dof)] = x[static_cast<std::size_t>(so)];
      }
      for (const auto& name : available()) {
        Backend& be = get(name);
        auto in = make(be, x, dt);
        auto out = make(be, Vec(static_cast<std::size_t>(c.dst_size), 0.0), dt);
        be.copy_strided(*in, c.src_offset, c.ss, *out, c.dst_offset, c.ds, c.shape, dt);
        check_close(read(*out, c.dst_size, dt), want,
                    name + " copy_strided " + c.name + " " + std::string(dtype_name(dt)));
      }
    }
}
