// Matmul, convolution and pooling kernels.
// Kernel-level tests of every compiled-in backend (blas and reference in the blas build,
// reference alone otherwise): each kernel runs through keras::backend::get(name) on random
// inputs with odd sizes that hit every fast path and fallback of the blas backend, and is
// compared with a naive double oracle, so the tests check something in either build.
#include "kernel_test_support.hpp"

using namespace kernel_test;

TEST_CASE("every backend lists only real kernels as accelerated", "[blas]") {
  const std::set<std::string> kernels{"fill",
                                      "cast",
                                      "copy_strided",
                                      "unary",
                                      "binary",
                                      "where",
                                      "reduce",
                                      "arg_reduce",
                                      "matmul",
                                      "conv_forward",
                                      "conv_backward_data",
                                      "conv_backward_filter",
                                      "pool_forward",
                                      "pool_backward",
                                      "gather",
                                      "scatter_add",
                                      "gates_forward",
                                      "gates_backward",
                                      "softmax",
                                      "batch_norm_forward",
                                      "batch_norm_backward"};
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
  for (const auto& name : available()) check_matmul_cases(get(name), name);
}

TEST_CASE("convolution forward, data and filter gradients in 1-3D", "[blas]") {
  struct Case {
    int nd;
    Idx batch, cin, cout, groups;
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
      // Winograd F(2x2, 3x3) (3x3, unit stride, >= 8 channels each side, >= 256 output tiles):
      // odd extents (partial tiles), same and asymmetric padding, several tile blocks with a
      // tail, two threads.
      {2, 13, 9, 10, 1, {7, 9, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},
      {2, 13, 12, 17, 1, {10, 8, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 2, 0}, {2, 0, 0}, 1},
      {2, 7, 8, 24, 1, {15, 14, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      // Fashion-MNIST-like layers; big enough for several im2col chunks (whole images, then
      // pieces of one image), two threads.
      {2, 5, 1, 8, 1, {28, 28, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      {2, 9, 16, 8, 1, {13, 13, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      {2, 2, 32, 3, 1, {26, 25, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {1, 0, 0}, {1, 0, 0}, 2},
      // One input channel, unit stride, no padding: the direct loop (blocks of two vectors and
      // of one, a scalar channel tail, a pixel tail after blocks of four; 37 and 29 channels
      // reach the one-vector block and the tail on every vector width), 5x3 and 3x3.
      {2, 3, 1, 37, 1, {12, 11, 1}, {5, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2},
      {2, 2, 1, 29, 1, {9, 10, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 1},
      {2, 4, 1, 32, 1, {28, 28, 1}, {3, 3, 1}, {1, 1, 1}, {1, 1, 1}, {0, 0, 0}, {0, 0, 0}, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    ConvGeometry g;
    g.nd = c.nd;
    g.batch = c.batch;
    g.in_channels = c.cin;
    g.out_channels = c.cout;
    g.groups = c.groups;
    g.in = c.in;
    g.kernel = c.k;
    g.stride = c.s;
    g.dilation = c.d;
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
      // Each value's sum of |terms| (the convolutions are bilinear).
      const Vec ax = abs_values(x), aw = abs_values(w), ady = abs_values(dy);
      const Vec sum_y = naive_conv(ConvMode::forward, g, ax, aw, ady);
      const Vec sum_dx = naive_conv(ConvMode::data, g, ax, aw, ady);
      const Vec sum_dw = naive_conv(ConvMode::filter, g, ax, aw, ady);
      const Vec bias = rounded(random_values(c.cout, 24), dt);
      Vec want_fused = want_y, sum_fused = sum_y;
      for (std::size_t i = 0; i < want_fused.size(); ++i) {
        const double b = bias[i % static_cast<std::size_t>(c.cout)];
        want_fused[i] = std::max(want_fused[i] + b, 0.0);
        sum_fused[i] += std::fabs(b);
      }
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
        check_close_sum(read(be, *y, ny, dt), want_y, sum_y, what + " forward");
        check_close_sum(read(be, *dx, nx, dt), want_dx, sum_dx, what + " backward_data");
        check_close_sum(read(be, *dw, nw, dt), want_dw, sum_dw, what + " backward_filter");
        // The fused forward: + bias per output channel, then relu.
        auto bb = make(be, bias, dt), yf = make_empty(be, ny, dt);
        be.conv_forward_bias_relu(g, *bx, *bw, bb.get(), true, *yf, dt);
        check_close_sum(read(be, *yf, ny, dt), want_fused, sum_fused, what + " forward_bias_relu");
      }
    }
  }
}

TEST_CASE("max and average pooling forward and backward in 1-3D", "[blas]") {
  struct Case {
    int nd;
    Idx batch, channels;
    std::array<Idx, 3> in, win, s, pb, pa;
    int threads;
  };
  const std::vector<Case> cases{
      {2, 3, 5, {9, 7, 1}, {2, 2, 1}, {2, 2, 1}, {0, 0, 0}, {0, 0, 0}, 1},  // valid, cut edge
      {2, 2, 3, {6, 7, 1}, {3, 3, 1}, {2, 1, 1}, {1, 1, 0}, {1, 1, 0}, 1},  // same, overlap
      {1, 2, 4, {13, 1, 1}, {3, 1, 1}, {2, 1, 1}, {1, 0, 0}, {1, 0, 0}, 1},
      {3, 2, 3, {5, 4, 6}, {2, 3, 2}, {2, 1, 2}, {0, 1, 1}, {1, 1, 0}, 1},
      {2, 9, 32, {26, 26, 1}, {2, 2, 1}, {2, 2, 1}, {0, 0, 0}, {0, 0, 0}, 2},  // Fashion-MNIST
      {2, 5, 17, {11, 11, 1}, {3, 3, 1}, {2, 2, 1}, {1, 1, 0}, {1, 1, 0}, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    PoolGeometry g;
    g.nd = c.nd;
    g.batch = c.batch;
    g.channels = c.channels;
    g.in = c.in;
    g.window = c.win;
    g.stride = c.s;
    g.pad_before = c.pb;
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
          check_close(read(be, *y, ny, dt), want_y, what + " forward");
          check_close(read(be, *dx, nx, dt), want_dx, what + " backward");
        }
      }
  }
}
