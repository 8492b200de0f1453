#pragma once
// The fast CPU backend: OpenBLAS GEMM for matmul and (via im2col) convolution, vectorised
// elementwise loops; everything else is inherited from the reference backend.
#include "keras/backends/reference/reference_backend.hpp"

namespace keras::backend {

class BlasBackend : public ReferenceBackend {
 public:
  BlasBackend();
  std::string name() const override { return "blas"; }
  std::vector<std::string> accelerated_kernels() const override;
  void set_num_threads(int n) override;
  void matmul(const MatmulArgs& args) override;
};

// The OpenBLAS core in use (e.g. "SkylakeX") and its thread count, for benchmark reports.
std::string blas_core_name();

}  // namespace keras::backend
