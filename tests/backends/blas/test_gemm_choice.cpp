// The blas backend runs our micro-kernels or OpenBLAS by OpenBLAS's core, or (KERAS_GEMM=measured)
// per GEMM shape by timing both: each path must give the right products on its own, and while
// the choice is being measured; the default gives the same bits on every call.
#include "../kernel_test_support.hpp"
#include "src/backends/blas/gemm_choice.hpp"

using namespace kernel_test;
namespace bd = keras::backend::blas;

TEST_CASE("both GEMM paths and the measured choice give the same products", "[blas]") {
  Backend& be = get("blas");
  for (auto path : {bd::GemmPath::micro, bd::GemmPath::openblas}) {
    bd::force_gemm_path(path);
    check_matmul_cases(be, path == bd::GemmPath::micro ? "micro" : "openblas");
  }
  bd::force_gemm_path(bd::GemmPath::measured);
  // Eight rounds: every shape alternates the two paths through its trials, then keeps one.
  for (int round = 0; round < 8; ++round) check_matmul_cases(be, "measured");
  bd::force_gemm_path(std::nullopt);
}

TEST_CASE("a shape's GEMM path is measured once, then kept", "[blas]") {
  bd::force_gemm_path(bd::GemmPath::measured);
  const bd::GemmShape shape{4, false, false, 1, 128, 512, 784, true};
  int micro = 0, openblas = 0;
  for (int i = 0; i < 20; ++i)
    bd::run_gemm(
        shape, [&] { ++micro; }, [&] { ++openblas; });
  // Three timed calls of each, then the other 14 all on the faster.
  CHECK(micro + openblas == 20);
  CHECK(std::min(micro, openblas) == 3);
  // A shape the micro-kernels cannot take goes to OpenBLAS without trials.
  int only = 0;
  bd::run_gemm(shape, nullptr, [&] { ++only; });
  CHECK(only == 1);
  bd::force_gemm_path(std::nullopt);
}

TEST_CASE("by default the GEMM path follows OpenBLAS's core, the same on every call", "[blas]") {
  CHECK(bd::default_gemm_path("Cooperlake") == bd::GemmPath::openblas);
  CHECK(bd::default_gemm_path("SKYLAKEX") == bd::GemmPath::openblas);
  CHECK(bd::default_gemm_path("Zen") == bd::GemmPath::openblas);
  CHECK(bd::default_gemm_path("Prescott") == bd::GemmPath::micro);
  CHECK(bd::default_gemm_path("Sandybridge") == bd::GemmPath::micro);
  bd::force_gemm_path(std::nullopt);
  const bd::GemmShape shape{4, false, false, 1, 64, 32, 16, true};
  int micro = 0, openblas = 0;
  for (int i = 0; i < 10; ++i)
    bd::run_gemm(
        shape, [&] { ++micro; }, [&] { ++openblas; });
  CHECK(std::max(micro, openblas) == 10);
  Backend& be = get("blas");
  check_matmul_cases(be, "default");
}
