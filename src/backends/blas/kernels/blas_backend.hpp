#pragma once
// The fast CPU backend (float32/float64 fast paths; every other dtype or pattern a fast path
// does not cover is inherited from the reference backend):
//  - matmul and convolution on register-blocked xsimd micro-kernels (gemm_kernels.hpp; conv
//    also Winograd F(2x2, 3x3)), with OpenBLAS GEMM for products too deep or too big for them;
//  - vectorised elementwise (unary.cpp, binary.cpp), pooling, reductions, fill, cast and
//    strided copies.
// Loops run under threading::parallel_for, OpenBLAS's products too: OpenBLAS runs
// single-threaded and blas::gemm splits a product over the pool. Which of our kernels
// and OpenBLAS runs a matmul is measured per shape (gemm_choice.hpp).
#include "src/backends/blas/kernels/isa_namespace.hpp"
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {

class BlasBackend : public ReferenceBackend {
 public:
  BlasBackend();
  std::string name() const override { return "blas"; }
  std::string info() const override;
  std::vector<std::string> accelerated_kernels() const override;

  // blas_backend.cpp
  void matmul(const MatmulArgs& args) override;
  // conv.cpp
  void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                    DType dtype) override;
  void conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                              const Buffer* bias, bool relu, Buffer& y, DType dtype) override;
  void conv_forward_bias_relu_max_pool(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                       const Buffer* bias, bool relu, Buffer& y,
                                       DType dtype) override;
  void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w, Buffer& dx,
                          DType dtype) override;
  void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy, Buffer& dw,
                            DType dtype) override;
  // pooling.cpp
  void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                    DType dtype) override;
  void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                     Buffer& dx, DType dtype) override;
  // unary.cpp, binary.cpp
  void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
               std::int64_t inner, DType dtype, bool log) override;
  void unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
             double alpha) override;
  void binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
              const Shape& out_shape, DType in) override;
  // reduce_copy.cpp
  void fill(Buffer& out, DType dtype, std::int64_t n, double value) override;
  void cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) override;
  void where(const StridedInput& cond, const StridedInput& a, const StridedInput& b, Buffer& out,
             const Shape& out_shape, DType dtype) override;
  void copy_strided(const Buffer& src, std::int64_t src_offset,
                    const std::vector<std::int64_t>& src_strides, Buffer& dst,
                    std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                    const Shape& shape, DType dtype) override;
  void reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t reduced,
              std::int64_t inner, DType dtype) override;
  void gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
              std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
              DType dtype) override;
  // recurrent_gates.cpp
  void gates_forward(const GateArgs& args) override;
  void gates_backward(const GateArgs& args) override;
  void lstm_sequence_forward(const SequenceArgs& args) override;
  void lstm_sequence_backward(const SequenceArgs& args) override;
  // normalization.cpp
  void batch_norm_forward(const BatchNormArgs& args) override;
  void batch_norm_backward(const BatchNormArgs& args) override;
};

// This instruction set's backend (isa.cpp calls the one the CPU runs best).
std::unique_ptr<Backend> make_backend();

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
