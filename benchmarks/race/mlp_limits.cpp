// mlp_limits: the ceilings the MLP benchmark's figures are read against, on the thread count
// given (OpenBLAS's threads too):
//   gemm_samples_per_s  128 / the time of the 8 cblas_sgemm calls of one training step of the
//                       784-512-256-10 MLP at batch 128 (3 forward, 3 weight gradients, 2
//                       input gradients: the first layer's input needs none), median of rounds;
//   fma_peak_gflops     a register-only FMA loop (AVX-512 where the CPU has it, else AVX2+FMA)
//                       on that many threads: what the cores can do at best;
//   sgemm_large_gflops  cblas_sgemm on 2048x2048x2048, for comparison;
//   openblas_core       the kernel set OpenBLAS chose (openblas_get_corename).
// Usage: mlp_limits THREADS   (prints one JSON line)
#include <cblas.h>
#include <immintrin.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "race_report.hpp"

namespace {

struct Gemm {
  CBLAS_TRANSPOSE ta, tb;
  int m, n, k;  // C (m x n) = op(A) (m x k) * op(B) (k x n), row-major
};

// One training step of Dense 784->512->256->10 at batch B, as the backward pass of a Dense
// layer y = x W computes it: dW = x^T dy, dx = dy W^T.
std::vector<Gemm> train_step_gemms(int b) {
  const int d[] = {784, 512, 256, 10};
  std::vector<Gemm> g;
  for (int l = 0; l < 3; ++l) g.push_back({CblasNoTrans, CblasNoTrans, b, d[l + 1], d[l]});
  for (int l = 2; l >= 0; --l) {
    g.push_back({CblasTrans, CblasNoTrans, d[l], d[l + 1], b});             // dW
    if (l > 0) g.push_back({CblasNoTrans, CblasTrans, b, d[l], d[l + 1]});  // dx
  }
  return g;
}

std::vector<float> random_floats(std::size_t n) {
  std::mt19937 gen(7);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (auto& x : v) x = dist(gen);
  return v;
}

void run(const Gemm& g, const float* a, const float* b, float* c) {
  const int lda = g.ta == CblasNoTrans ? g.k : g.m;
  const int ldb = g.tb == CblasNoTrans ? g.n : g.k;
  cblas_sgemm(CblasRowMajor, g.ta, g.tb, g.m, g.n, g.k, 1.0f, a, lda, b, ldb, 0.0f, c, g.n);
}

// Iterations of 12 independent FMA chains (enough to hide the FMA latency on current cores).
constexpr long kFmaIters = 20'000'000;
constexpr int kChains = 12;

__attribute__((target("avx512f"))) float fma_loop_avx512() {
  __m512 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm512_set1_ps(static_cast<float>(i));
  const __m512 a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
  for (long it = 0; it < kFmaIters; ++it)
    for (int i = 0; i < kChains; ++i) acc[i] = _mm512_fmadd_ps(acc[i], a, b);
  __m512 s = acc[0];
  for (int i = 1; i < kChains; ++i) s = _mm512_add_ps(s, acc[i]);
  float out[16];  // (not _mm512_reduce_add_ps: GCC 12 warns inside it, -Wuninitialized)
  _mm512_storeu_ps(out, s);
  return out[0];
}

__attribute__((target("avx2,fma"))) float fma_loop_avx2() {
  __m256 acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = _mm256_set1_ps(static_cast<float>(i));
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (long it = 0; it < kFmaIters; ++it)
    for (int i = 0; i < kChains; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
  __m256 s = acc[0];
  for (int i = 1; i < kChains; ++i) s = _mm256_add_ps(s, acc[i]);
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0];
}

// GFLOP/s of the FMA loop on `threads` threads at once, and the instruction set used.
std::pair<double, std::string> fma_peak(int threads) {
  const bool avx512 = __builtin_cpu_supports("avx512f");
  const int lanes = avx512 ? 16 : 8;
  std::vector<float> sink(static_cast<std::size_t>(threads));
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] { sink[t] = avx512 ? fma_loop_avx512() : fma_loop_avx2(); });
  for (auto& th : pool) th.join();
  const double s = race_bench::seconds_since(start);
  if (sink[0] == 12345.0f) std::puts("");  // keep the results alive
  const double flops = 2.0 * lanes * kChains * static_cast<double>(kFmaIters) * threads;
  return {flops / s / 1e9, avx512 ? "avx512" : "avx2"};
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  if (threads < 1) {
    std::fprintf(stderr, "usage: mlp_limits THREADS (>= 1)\n");
    return 2;
  }
  openblas_set_num_threads(threads);

  // Operands sized for the largest shape; every call reads from and writes to the same buffers.
  const auto gemms = train_step_gemms(race_bench::kBatch);
  const auto a = random_floats(784 * 512), b = random_floats(784 * 512);
  std::vector<float> c(784 * 512);
  auto step = [&] {
    for (const auto& g : gemms) run(g, a.data(), b.data(), c.data());
  };
  for (int i = 0; i < 20; ++i) step();
  const double step_s = race_bench::median_seconds(201, step);

  const int n = 2048;
  const auto big_a = random_floats(std::size_t{n} * n), big_b = random_floats(std::size_t{n} * n);
  std::vector<float> big_c(std::size_t{n} * n);
  const Gemm square{CblasNoTrans, CblasNoTrans, n, n, n};
  run(square, big_a.data(), big_b.data(), big_c.data());
  const double big_s =
      race_bench::median_seconds(5, [&] { run(square, big_a.data(), big_b.data(), big_c.data()); });

  const auto [peak, isa] = fma_peak(threads);
  race_bench::print_json({{"openblas_core", openblas_get_corename()},
                          {"openblas_config", openblas_get_config()},
                          {"fma_isa", isa}},
                         {{"threads", threads},
                          {"gemm_samples_per_s", race_bench::kBatch / step_s},
                          {"fma_peak_gflops", peak},
                          {"sgemm_large_gflops", 2.0 * n * n * n / big_s / 1e9}});
  return 0;
}
