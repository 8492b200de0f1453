#include "src/backends/blas/openblas.hpp"

#include <cblas.h>

#include <algorithm>

#include "src/backends/threading.hpp"

extern "C" char* openblas_get_corename(void);
extern "C" void openblas_set_num_threads(int);
extern "C" int openblas_get_num_threads(void);

namespace keras::backend::blas {

void use_single_threaded_openblas() { openblas_set_num_threads(1); }
std::string core_name() { return openblas_get_corename(); }
int num_threads() { return openblas_get_num_threads(); }

using Idx = std::int64_t;

namespace {
void serial_gemm(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
                 int ldb, float beta, float* c, int ldc) {
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
              k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}
void serial_gemm(bool ta, bool tb, int m, int n, int k, const double* a, int lda, const double* b,
                 int ldb, double beta, double* c, int ldc) {
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
              k, 1.0, a, lda, b, ldb, beta, c, ldc);
}

// Multiply-adds below which a product is not worth splitting across threads.
constexpr Idx kMinSplitWork = 1 << 19;

// C's rows (or columns, when it is wider than tall) in blocks of 16 over the thread pool, each
// block a single-threaded OpenBLAS call on the matching slices of A (or B).
template <class T>
void split_gemm(bool ta, bool tb, Idx m, Idx n, Idx k, const T* a, Idx lda, const T* b, Idx ldb,
                T beta, T* c, Idx ldc) {
  constexpr Idx kBlock = 16;
  const bool by_rows = m >= n;
  const Idx extent = by_rows ? m : n, blocks = (extent + kBlock - 1) / kBlock;
  const Idx grain =
      std::max<Idx>(1, kMinSplitWork / std::max<Idx>(1, kBlock * (by_rows ? n : m) * k));
  threading::parallel_for(blocks, grain, [&](Idx b0, Idx b1) {
    const Idx i0 = b0 * kBlock, i1 = std::min(extent, b1 * kBlock);
    const int len = static_cast<int>(i1 - i0);
    if (by_rows)
      serial_gemm(ta, tb, len, static_cast<int>(n), static_cast<int>(k), ta ? a + i0 : a + i0 * lda,
                  static_cast<int>(lda), b, static_cast<int>(ldb), beta, c + i0 * ldc,
                  static_cast<int>(ldc));
    else
      serial_gemm(ta, tb, static_cast<int>(m), len, static_cast<int>(k), a, static_cast<int>(lda),
                  tb ? b + i0 * ldb : b + i0, static_cast<int>(ldb), beta, c + i0,
                  static_cast<int>(ldc));
  });
}
}  // namespace

void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const float* a,
          std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
          std::int64_t ldc) {
  split_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc);
}
void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const double* a,
          std::int64_t lda, const double* b, std::int64_t ldb, double beta, double* c,
          std::int64_t ldc) {
  split_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace keras::backend::blas
