#include "keras/backends/blas/blas_backend.hpp"

#include <cblas.h>

#include "keras/backends/factories.hpp"
#include "keras/backends/threading.hpp"

extern "C" char* openblas_get_corename(void);
extern "C" void openblas_set_num_threads(int);

namespace keras::backend {

std::unique_ptr<Backend> make_blas_backend() { return std::make_unique<BlasBackend>(); }

BlasBackend::BlasBackend() { openblas_set_num_threads(threading::num_threads()); }

std::vector<std::string> BlasBackend::accelerated_kernels() const { return {"matmul"}; }

void BlasBackend::set_num_threads(int n) { openblas_set_num_threads(n); }

std::string blas_core_name() { return openblas_get_corename(); }

void BlasBackend::matmul(const MatmulArgs& m) {
  if (m.dtype != DType::float32 && m.dtype != DType::float64) return ReferenceBackend::matmul(m);
  const auto ta = m.transpose_a ? CblasTrans : CblasNoTrans;
  const auto tb = m.transpose_b ? CblasTrans : CblasNoTrans;
  const auto lda = static_cast<int>(m.transpose_a ? m.m : m.k);
  const auto ldb = static_cast<int>(m.transpose_b ? m.k : m.n);
  const int M = static_cast<int>(m.m), N = static_cast<int>(m.n), K = static_cast<int>(m.k);
  if (M == 0 || N == 0) return;
  if (K == 0) return fill(*m.out, m.dtype, m.batch * m.m * m.n, 0.0);
  for (std::int64_t b = 0; b < m.batch; ++b) {
    if (m.dtype == DType::float32) {
      const float* A = static_cast<const float*>(m.a->data()) + b * m.a_batch_stride;
      const float* B = static_cast<const float*>(m.b->data()) + b * m.b_batch_stride;
      float* C = static_cast<float*>(m.out->data()) + b * m.m * m.n;
      cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, 1.0f, A, lda, B, ldb, 0.0f, C, N);
    } else {
      const double* A = static_cast<const double*>(m.a->data()) + b * m.a_batch_stride;
      const double* B = static_cast<const double*>(m.b->data()) + b * m.b_batch_stride;
      double* C = static_cast<double*>(m.out->data()) + b * m.m * m.n;
      cblas_dgemm(CblasRowMajor, ta, tb, M, N, K, 1.0, A, lda, B, ldb, 0.0, C, N);
    }
  }
}

}  // namespace keras::backend
