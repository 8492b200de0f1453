// bench_ops: the Fashion-MNIST model's heavy ops (Dense 784->512->256->10 at batch 128; Conv2D
// 3x3 with 32 filters on (128,28,28,1) and 64 filters on (128,13,13,32), valid padding),
// forward, data gradient and filter gradient, timed on the same thread count as:
//   ops    through keras::ops (forward) or a GradientTape (forward + gradients),
//   kernel the active backend's kernel called directly,
//   sgemm  one cblas_sgemm on the GEMM shape the op reduces to (conv: excluding im2col),
//   torch  libtorch: torch::mm, torch::conv2d, at::convolution_backward, autograd; for conv
//          the faster of NCHW and channels-last (NHWC, our layout) inputs.
// Times are medians over the rounds after warm-up; the candidates of a row run interleaved
// (default for 1 thread) or one after the other (default for more), see interleaved_medians.
// Usage: bench_ops [threads=1] [rounds=21] [--sequential | --interleaved].
#include <cblas.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <keras/keras.hpp>

#include "src/backends/blas/openblas.hpp"

namespace {
using namespace keras;
using Idx = std::int64_t;
using Fn = std::function<void()>;

int g_rounds = 21;
constexpr int kWarmup = 3;

bool g_sequential = false;

// Median time (ms) of each function (empty ones: -1). Interleaved: one call of each per round,
// so load changes on a shared machine hit all alike. Sequential: each function's warm-up and
// rounds back to back, so no function runs while another library's idle threads still spin
// (OpenBLAS and OpenMP workers busy-wait for a while after a parallel call).
std::vector<double> interleaved_medians(const std::vector<Fn>& fns) {
  std::vector<std::vector<double>> t(fns.size());
  auto time_one = [&](std::size_t k) {
    const auto a = std::chrono::steady_clock::now();
    fns[k]();
    const auto b = std::chrono::steady_clock::now();
    t[k].push_back(std::chrono::duration<double, std::milli>(b - a).count());
  };
  if (g_sequential) {
    for (std::size_t k = 0; k < fns.size(); ++k) {
      if (!fns[k]) continue;
      for (int i = 0; i < kWarmup; ++i) fns[k]();
      for (int r = 0; r < g_rounds; ++r) time_one(k);
    }
  } else {
    for (int i = 0; i < kWarmup; ++i)
      for (const auto& f : fns)
        if (f) f();
    for (int r = 0; r < g_rounds; ++r)
      for (std::size_t k = 0; k < fns.size(); ++k)
        if (fns[k]) time_one(k);
  }
  std::vector<double> med;
  for (auto& v : t) {
    std::sort(v.begin(), v.end());
    med.push_back(v.empty() ? -1.0 : v[v.size() / 2]);
  }
  return med;
}

std::vector<float> random_floats(Idx n, unsigned seed) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  std::vector<float> v(static_cast<std::size_t>(n));
  for (auto& x : v) x = dist(gen);
  return v;
}
torch::Tensor to_torch(std::vector<float>& v, std::vector<Idx> shape) {
  return torch::from_blob(v.data(), shape, torch::kFloat32).clone();
}
double max_abs_diff(const Tensor& ours, const torch::Tensor& theirs) {
  const torch::Tensor t = theirs.contiguous();
  const float* a = ours.data<float>();
  const float* b = t.data_ptr<float>();
  double m = 0;
  for (Idx i = 0; i < ours.size(); ++i)
    m = std::max(m, static_cast<double>(std::fabs(a[i] - b[i])));
  return m;
}

// A cblas_sgemm call on fresh operands of the given row-major GEMM shape.
struct Sgemm {
  bool ta, tb;
  Idx m, n, k;
  std::vector<float> a, b, c;
  Sgemm(bool ta_, bool tb_, Idx m_, Idx n_, Idx k_)
      : ta(ta_),
        tb(tb_),
        m(m_),
        n(n_),
        k(k_),
        a(random_floats(m * k, 1)),
        b(random_floats(k * n, 2)),
        c(static_cast<std::size_t>(m * n)) {}
  void operator()() {
    cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                static_cast<int>(m), static_cast<int>(n), static_cast<int>(k), 1.0f, a.data(),
                static_cast<int>(ta ? m : k), b.data(), static_cast<int>(tb ? k : n), 0.0f,
                c.data(), static_cast<int>(n));
  }
  std::string shape() const {
    return "(" + std::to_string(m) + "," + std::to_string(n) + "," + std::to_string(k) + ")";
  }
};

struct Row {
  std::string op, gemm, note;
  double ops = -1, kernel = -1, sgemm = -1, torch = -1;
};
std::vector<Row> g_rows;

// Times one row: any of the candidates may be empty; torch_nhwc is the channels-last variant.
void run_row(const std::string& op, const std::string& gemm, Fn ops, Fn kernel, Fn sgemm,
             Fn torch_nchw, Fn torch_nhwc = {}, const std::string& note = "") {
  const auto t = interleaved_medians({ops, kernel, sgemm, torch_nchw, torch_nhwc});
  Row r{op, gemm, note, t[0], t[1], t[2], t[3]};
  if (t[4] > 0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "torch nchw %.3f, nhwc %.3f", t[3], t[4]);
    r.note = buf + (note.empty() ? "" : "; " + note);
    r.torch = std::min(t[3], t[4]);
  }
  g_rows.push_back(r);
}

void print_rows() {
  std::printf("%-32s %-16s %9s %9s %9s %9s %10s %10s  %s\n", "op", "GEMM (m,n,k)", "ops ms",
              "kernel ms", "sgemm ms", "torch ms", "ours/sgemm", "torch/ours", "note");
  auto cell = [](double v) {
    char buf[32];
    if (v < 0) std::snprintf(buf, sizeof buf, "%9s", "-");
    else std::snprintf(buf, sizeof buf, "%9.3f", v);
    return std::string(buf);
  };
  auto ratio = [](double num, double den) {
    char buf[32];
    if (num <= 0 || den <= 0) std::snprintf(buf, sizeof buf, "%10s", "-");
    else std::snprintf(buf, sizeof buf, "%10.3f", num / den);
    return std::string(buf);
  };
  for (const auto& r : g_rows) {
    const double ours = r.ops > 0 ? r.ops : r.kernel;  // what a user of keras::ops gets
    std::printf("%-32s %-16s %s %s %s %s %s %s  %s\n", r.op.c_str(), r.gemm.c_str(),
                cell(r.ops).c_str(), cell(r.kernel).c_str(), cell(r.sgemm).c_str(),
                cell(r.torch).c_str(), ratio(r.kernel, r.sgemm).c_str(),
                ratio(r.torch, ours).c_str(), r.note.c_str());
  }
}

void bench_dense(Idx batch, Idx in, Idx out) {
  auto& be = backend::current();
  std::vector<float> xv = random_floats(batch * in, 3), wv = random_floats(in * out, 4),
                     dyv = random_floats(batch * out, 5);
  Tensor x = tensor(xv, {batch, in}), w = tensor(wv, {in, out}), dy = tensor(dyv, {batch, out});
  Tensor y = empty({batch, out}, DType::float32), dx = empty({batch, in}, DType::float32),
         dw = empty({in, out}, DType::float32);
  torch::Tensor tx = to_torch(xv, {batch, in}), tw = to_torch(wv, {in, out}),
                tdy = to_torch(dyv, {batch, out});
  const std::string name = "dense " + std::to_string(in) + "->" + std::to_string(out);
  const auto* X = x.buffer().get();
  const auto* W = w.buffer().get();
  const auto* DY = dy.buffer().get();
  const DType f32 = DType::float32;

  Sgemm fs(false, false, batch, out, in), ds(false, true, batch, in, out),
      ks(true, false, in, out, batch);
  run_row(
      name + " fwd", fs.shape(), [&] { ops::matmul(x, w); },
      [&] {
        be.matmul({X, W, y.buffer().get(), f32, 1, batch, out, in});
      },
      std::ref(fs), [&] { torch::mm(tx, tw); }, {},
      "max|ours-torch| " + std::to_string(max_abs_diff(ops::matmul(x, w), torch::mm(tx, tw))));
  run_row(
      name + " bwd data", ds.shape(), {},
      [&] {
        be.matmul({DY, W, dx.buffer().get(), f32, 1, batch, in, out, false, true});
      },
      std::ref(ds), [&] { torch::mm(tdy, tw.t()); });
  run_row(
      name + " bwd filter", ks.shape(), {},
      [&] {
        be.matmul({X, DY, dw.buffer().get(), f32, 1, in, out, batch, true, false});
      },
      std::ref(ks), [&] { torch::mm(tx.t(), tdy); });
  torch::Tensor gx = tx.detach().requires_grad_(true), gw = tw.detach().requires_grad_(true);
  run_row(
      name + " fwd+bwd (tape)", "",
      [&] {
        GradientTape tape;
        Tensor xw = tape.watch(x), ww = tape.watch(w);
        tape.gradient(ops::matmul(xw, ww), {xw, ww}, dy);
      },
      {}, {},
      [&] {
        torch::autograd::grad({torch::mm(gx, gw)}, {gx, gw}, {tdy});
      });
}

void bench_conv(Idx batch, Idx hw, Idx cin, Idx cout, Idx k) {
  auto& be = backend::current();
  const Idx out_hw = hw - k + 1, rows = batch * out_hw * out_hw, kcol = k * k * cin;
  std::vector<float> xv = random_floats(batch * hw * hw * cin, 6),
                     wv = random_floats(k * k * cin * cout, 7), dyv = random_floats(rows * cout, 8);
  Tensor x = tensor(xv, {batch, hw, hw, cin}), w = tensor(wv, {k, k, cin, cout});
  Tensor dy = tensor(dyv, {batch, out_hw, out_hw, cout});
  Tensor y = empty(dy.shape(), DType::float32), dx = empty(x.shape(), DType::float32),
         dw = empty(w.shape(), DType::float32);
  backend::ConvGeometry g;
  g.nd = 2;
  g.batch = batch, g.in_channels = cin, g.out_channels = cout, g.groups = 1;
  g.in = {hw, hw, 1}, g.out = {out_hw, out_hw, 1}, g.kernel = {k, k, 1};
  // torch: NCHW and channels-last copies of the same values.
  torch::Tensor tx = to_torch(xv, {batch, hw, hw, cin}).permute({0, 3, 1, 2}).contiguous();
  torch::Tensor tw = to_torch(wv, {k, k, cin, cout}).permute({3, 2, 0, 1}).contiguous();
  torch::Tensor tdy =
      to_torch(dyv, {batch, out_hw, out_hw, cout}).permute({0, 3, 1, 2}).contiguous();
  const auto cl = at::MemoryFormat::ChannelsLast;
  torch::Tensor cx = tx.contiguous(cl), cw = tw.contiguous(cl), cdy = tdy.contiguous(cl);
  auto bwd = [](const torch::Tensor& gy, const torch::Tensor& xx, const torch::Tensor& ww,
                bool data, bool filter) {
    at::convolution_backward(gy, xx, ww, c10::nullopt, {1, 1}, {0, 0}, {1, 1}, false, {0, 0}, 1,
                             {data, filter, false});
  };
  auto autograd = [](const torch::Tensor& a, const torch::Tensor& b, const torch::Tensor& c,
                     bool data) {
    torch::Tensor gb = b.detach().requires_grad_(true);
    torch::Tensor ga = data ? a.detach().requires_grad_(true) : a;
    if (data) torch::autograd::grad({torch::conv2d(ga, gb)}, {ga, gb}, {c});
    else torch::autograd::grad({torch::conv2d(ga, gb)}, {gb}, {c});
  };
  const std::string name = "conv " + std::to_string(hw) + "x" + std::to_string(hw) + "x" +
                           std::to_string(cin) + "->" + std::to_string(cout);
  const auto* X = x.buffer().get();
  const auto* W = w.buffer().get();
  const auto* DY = dy.buffer().get();
  const DType f32 = DType::float32;

  Sgemm fs(false, false, rows, cout, kcol), ds(false, true, rows, kcol, cout),
      ks(true, false, kcol, cout, rows);
  const double diff = max_abs_diff(ops::conv(x, w), torch::conv2d(tx, tw).permute({0, 2, 3, 1}));
  run_row(
      name + " fwd", fs.shape(), [&] { ops::conv(x, w); },
      [&] { be.conv_forward(g, *X, *W, *y.buffer(), f32); }, std::ref(fs),
      [&] { torch::conv2d(tx, tw); }, [&] { torch::conv2d(cx, cw); },
      "max|ours-torch| " + std::to_string(diff));
  run_row(
      name + " bwd data", ds.shape(), {},
      [&] { be.conv_backward_data(g, *DY, *W, *dx.buffer(), f32); }, std::ref(ds),
      [&] { bwd(tdy, tx, tw, true, false); }, [&] { bwd(cdy, cx, cw, true, false); });
  run_row(
      name + " bwd filter", ks.shape(), {},
      [&] { be.conv_backward_filter(g, *X, *DY, *dw.buffer(), f32); }, std::ref(ks),
      [&] { bwd(tdy, tx, tw, false, true); }, [&] { bwd(cdy, cx, cw, false, true); });
  run_row(
      name + " fwd+bwd (kernels)", "", {},
      [&] {
        be.conv_forward(g, *X, *W, *y.buffer(), f32);
        be.conv_backward_data(g, *DY, *W, *dx.buffer(), f32);
        be.conv_backward_filter(g, *X, *DY, *dw.buffer(), f32);
      },
      {}, [&] { autograd(tx, tw, tdy, true); }, [&] { autograd(cx, cw, cdy, true); },
      "torch: autograd");
  run_row(
      name + " fwd+bwd (tape)", "",
      [&] {
        GradientTape tape;
        Tensor xw = tape.watch(x), ww = tape.watch(w);
        tape.gradient(ops::conv(xw, ww), {xw, ww}, dy);
      },
      {}, {}, [&] { autograd(tx, tw, tdy, true); }, [&] { autograd(cx, cw, cdy, true); });
  run_row(
      name + " fwd+bwd filter only", "",
      [&] {
        GradientTape tape;
        Tensor ww = tape.watch(w);
        tape.gradient(ops::conv(x, ww), {ww}, dy);
      },
      [&] {
        be.conv_forward(g, *X, *W, *y.buffer(), f32);
        be.conv_backward_filter(g, *X, *DY, *dw.buffer(), f32);
      },
      {}, [&] { autograd(tx, tw, tdy, false); }, [&] { autograd(cx, cw, cdy, false); },
      "a first layer (no input gradient); ops = tape");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool force_sequential = std::erase(args, std::string("--sequential")) > 0;
  const bool force_interleaved = std::erase(args, std::string("--interleaved")) > 0;
  const int threads = args.size() > 0 ? std::max(1, std::atoi(args[0].c_str())) : 1;
  if (args.size() > 1) g_rounds = std::max(1, std::atoi(args[1].c_str()));
  // With several threads, interleaving would time each library while the previous one's
  // idle workers still spin, so the default is sequential there.
  g_sequential = force_sequential || (threads > 1 && !force_interleaved);
  keras::config::set_num_threads(threads);
  torch::set_num_threads(threads);
  const char* coretype = std::getenv("OPENBLAS_CORETYPE");
  std::string accelerated;
  for (const auto& k : keras::backend::current().accelerated_kernels()) accelerated += " " + k;
  std::printf("bench_ops: backend=%s (accelerated:%s)\n", keras::backend::name().c_str(),
              accelerated.c_str());
  std::printf(
      "OpenBLAS core=%s, OPENBLAS_CORETYPE=%s; threads: keras=%d openblas=%d torch=%d; "
      "median of %d %s rounds after %d warm-up\n",
      keras::backend::blas::core_name().c_str(), coretype ? coretype : "(unset)",
      keras::config::num_threads(), keras::backend::blas::num_threads(), torch::get_num_threads(),
      g_rounds, g_sequential ? "sequential" : "interleaved", kWarmup);
  bench_dense(128, 784, 512);
  bench_dense(128, 512, 256);
  bench_dense(128, 256, 10);
  bench_conv(128, 28, 1, 32, 3);
  bench_conv(128, 13, 32, 64, 3);
  print_rows();
  return 0;
}
