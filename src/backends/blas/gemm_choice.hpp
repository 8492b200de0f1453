#pragma once
// Internal: which GEMM code runs a product of a given shape, our micro-kernels or OpenBLAS.
// Neither wins everywhere: an OpenBLAS that knows the CPU (it reports its core, e.g.
// "Cooperlake") beats our kernels on most Dense shapes, while an OpenBLAS older than the CPU
// falls back to old kernels ("Prescott") and loses to them. So the choice is measured, per
// shape, on the machine at hand: the first calls of a shape alternate the two and time them,
// later calls take the faster. KERAS_GEMM=micro or KERAS_GEMM=openblas pins one (for
// bit-reproducible runs: the two sum in different orders).
#include <cstdint>
#include <functional>
#include <optional>

namespace keras::backend::blas_detail {

enum class GemmPath { micro, openblas };

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

// For tests: every product through one path (nullopt: measure again).
void force_gemm_path(std::optional<GemmPath> path);

}  // namespace keras::backend::blas_detail
