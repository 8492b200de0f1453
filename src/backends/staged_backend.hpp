#pragma once
// Runs the reference kernels on host copies of another backend's buffers: every operand is
// read into host memory through the owning backend's `read`, the reference kernel runs, and
// every output is written back with `write`. The strict test backend runs all its kernels this
// way, and the core runs a kernel that a non-host backend declined (`supports_op`) this way.
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {

class StagedBackend : public Backend {
 public:
  // `device` owns the buffers and their transfers; null means this object does (a subclass
  // that overrides allocate / read / write, as the strict backend does).
  explicit StagedBackend(Backend* device = nullptr) : device_(device) {}
  std::string name() const override;
  Capabilities capabilities() const override { return {.host_memory = false}; }
  bool can_use(const Buffer& buffer) const override;
  BufferPtr allocate(std::size_t bytes) override;
  void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) override;
  void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) override;

  void fill(Buffer& out, DType dtype, std::int64_t n, double value) override;
  void cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) override;
  void copy_strided(const Buffer& src, std::int64_t src_offset,
                    const std::vector<std::int64_t>& src_strides, Buffer& dst,
                    std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                    const Shape& shape, DType dtype) override;
  void unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
             double alpha) override;
  void binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
              const Shape& out_shape, DType in) override;
  void where(const StridedInput& cond, const StridedInput& a, const StridedInput& b, Buffer& out,
             const Shape& out_shape, DType dtype) override;
  void reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t reduced,
              std::int64_t inner, DType dtype) override;
  void arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                  std::int64_t reduced, std::int64_t inner, DType dtype) override;
  void matmul(const MatmulArgs& args) override;
  void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                    DType dtype) override;
  void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w, Buffer& dx,
                          DType dtype) override;
  void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy, Buffer& dw,
                            DType dtype) override;
  void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                    DType dtype) override;
  void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                     Buffer& dx, DType dtype) override;
  void gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
              std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
              DType dtype) override;
  void scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out, std::int64_t outer,
                   std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                   DType dtype) override;
  void gates_forward(const GateArgs& args) override;
  void gates_backward(const GateArgs& args) override;
  void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
               std::int64_t inner, DType dtype, bool log) override;
  void batch_norm_forward(const BatchNormArgs& args) override;
  void batch_norm_backward(const BatchNormArgs& args) override;

 protected:
  Backend& device() { return device_ ? *device_ : *this; }

 private:
  Backend* device_;
};

}  // namespace keras::backend
