#pragma once
// Internal: OpenBLAS as the blas backend uses it, the same for every instruction set the
// kernels are compiled for (kernels/ calls it; cblas.h stays in openblas.cpp).
#include <cstdint>
#include <string>

namespace keras::backend::blas {

// Row-major GEMM, C = op(A) op(B) + beta * C, split over the library's thread pool (OpenBLAS
// itself runs single-threaded). Inside a parallel_for it runs on the calling thread alone.
void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const float* a,
          std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
          std::int64_t ldc);
void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const double* a,
          std::int64_t lda, const double* b, std::int64_t ldb, double beta, double* c,
          std::int64_t ldc);

// OpenBLAS runs single-threaded inside our pool (gemm above splits a product over it): two
// thread pools on the same cores, each spinning while the other works, made 2 threads slower
// than 1.
void use_single_threaded_openblas();

// The OpenBLAS core in use (e.g. "SkylakeX"), for reports and the GEMM path's default.
std::string core_name();
// The number of threads OpenBLAS is configured to use.
int num_threads();

}  // namespace keras::backend::blas
