#pragma once
// A backend that runs every kernel on another one (its delegate) unless it overrides the
// kernel: the shape of a backend that accelerates a few kernels on top of a complete one
// (onednn over blas). Buffers are the delegate's, so tensors move freely between the two and
// every kernel the subclass leaves alone runs exactly as on the delegate. The fused kernels
// (conv_forward_bias_relu) are not forwarded: their defaults run this backend's own parts, so
// a subclass's convolution serves them too until it fuses them itself.
#include <memory>
#include <utility>

#include "keras/backends/backend.hpp"

namespace keras::backend {

class DelegatingBackend : public Backend {
 public:
  explicit DelegatingBackend(std::unique_ptr<Backend> delegate) : delegate_(std::move(delegate)) {}

  Capabilities capabilities() const override { return delegate_->capabilities(); }
  bool supports_op(Kernel kernel, DType dtype) const override {
    return delegate_->supports_op(kernel, dtype);
  }
  bool can_use(const Buffer& buffer) const override { return delegate_->can_use(buffer); }
  BufferPtr allocate(std::size_t bytes) override { return delegate_->allocate(bytes); }
  void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) override {
    delegate_->read(src, offset, dst, bytes);
  }
  void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) override {
    delegate_->write(dst, offset, src, bytes);
  }
  void copy_from(Buffer& dst, Backend& src_backend, const Buffer& src, std::size_t bytes) override {
    delegate_->copy_from(dst, src_backend, src, bytes);
  }
  void synchronize() override { delegate_->synchronize(); }
  void set_num_threads(int n) override { delegate_->set_num_threads(n); }

  void fill(Buffer& out, DType dtype, std::int64_t n, double value) override {
    delegate_->fill(out, dtype, n, value);
  }
  void cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) override {
    delegate_->cast(in, from, out, to, n);
  }
  void copy_strided(const Buffer& src, std::int64_t src_offset,
                    const std::vector<std::int64_t>& src_strides, Buffer& dst,
                    std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                    const Shape& shape, DType dtype) override {
    delegate_->copy_strided(src, src_offset, src_strides, dst, dst_offset, dst_strides, shape,
                            dtype);
  }
  void unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
             double alpha) override {
    delegate_->unary(op, in, out, n, dtype, alpha);
  }
  void binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
              const Shape& out_shape, DType in) override {
    delegate_->binary(op, a, b, out, out_shape, in);
  }
  void where(const StridedInput& cond, const StridedInput& a, const StridedInput& b, Buffer& out,
             const Shape& out_shape, DType dtype) override {
    delegate_->where(cond, a, b, out, out_shape, dtype);
  }
  void reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t reduced,
              std::int64_t inner, DType dtype) override {
    delegate_->reduce(op, in, out, outer, reduced, inner, dtype);
  }
  void arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                  std::int64_t reduced, std::int64_t inner, DType dtype) override {
    delegate_->arg_reduce(op, in, out, outer, reduced, inner, dtype);
  }
  void matmul(const MatmulArgs& args) override { delegate_->matmul(args); }
  void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                    DType dtype) override {
    delegate_->conv_forward(g, x, w, y, dtype);
  }
  void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w, Buffer& dx,
                          DType dtype) override {
    delegate_->conv_backward_data(g, dy, w, dx, dtype);
  }
  void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy, Buffer& dw,
                            DType dtype) override {
    delegate_->conv_backward_filter(g, x, dy, dw, dtype);
  }
  void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                    DType dtype) override {
    delegate_->pool_forward(op, g, x, y, dtype);
  }
  void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                     Buffer& dx, DType dtype) override {
    delegate_->pool_backward(op, g, x, dy, dx, dtype);
  }
  void gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
              std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
              DType dtype) override {
    delegate_->gather(in, indices, out, outer, axis_len, inner, n_indices, dtype);
  }
  void scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out, std::int64_t outer,
                   std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                   DType dtype) override {
    delegate_->scatter_add(updates, indices, out, outer, axis_len, inner, n_indices, dtype);
  }
  void gates_forward(const GateArgs& args) override { delegate_->gates_forward(args); }
  void gates_backward(const GateArgs& args) override { delegate_->gates_backward(args); }
  void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
               std::int64_t inner, DType dtype, bool log) override {
    delegate_->softmax(in, out, outer, axis_len, inner, dtype, log);
  }
  void batch_norm_forward(const BatchNormArgs& args) override {
    delegate_->batch_norm_forward(args);
  }
  void batch_norm_backward(const BatchNormArgs& args) override {
    delegate_->batch_norm_backward(args);
  }

 protected:
  Backend& delegate() { return *delegate_; }
  const Backend& delegate() const { return *delegate_; }

 private:
  std::unique_ptr<Backend> delegate_;
};

}  // namespace keras::backend
