#pragma once
// Internal: which GEMM code runs a product of a given shape, our micro-kernels or OpenBLAS.
// Neither wins everywhere: an OpenBLAS that knows the CPU (it reports its core, e.g.
// "Cooperlake") beats our kernels on most Dense shapes, while an OpenBLAS older than the CPU
// falls back to old kernels ("Prescott") and loses to them. The two sum in different orders,
// so the choice must not change from one run (or call) to the next, or the same program would
// give different bits each time: by default it follows OpenBLAS's core alone — OpenBLAS on the
// cores it has AVX2 or AVX-512 kernels for, our micro-kernels elsewhere. KERAS_GEMM=micro or
// KERAS_GEMM=openblas pins one path; KERAS_GEMM=measured times both on the first calls of each
// shape and keeps the faster (faster where the core rule guesses wrong, but not reproducible).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace keras::backend::blas {

enum class GemmPath { micro, openblas, measured };

struct GemmShape {
  int element_bytes;
  bool ta, tb;
  std::int64_t batch, m, n, k;
  bool shared_b;  // one b for every batch
  auto operator<=>(const GemmShape&) const = default;
};

// Runs the product through the chosen path (`micro` may be empty: the shape is OpenBLAS's).
void run_gemm(const GemmShape& shape, const std::function<void()>& micro,
              const std::function<void()>& openblas);

// For tests: every product through one path, or `measured` (afresh); nullopt: the default.
void force_gemm_path(std::optional<GemmPath> path);

// The default for OpenBLAS's core name: openblas for the cores with AVX2/AVX-512 kernels
// (Haswell, SkylakeX, Cooperlake, SapphireRapids, Zen), micro for any other.
GemmPath default_gemm_path(const std::string& openblas_core);

}  // namespace keras::backend::blas
