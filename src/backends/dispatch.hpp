#pragma once
// What the core calls kernels through: the active backend's kernel, after checking that the
// backend can use every operand buffer (a tensor made on another backend is an error naming
// both, never a silent host read), or, when the backend declines the kernel (`supports_op`),
// the reference kernel — directly for a host backend, on host copies for any other — recorded
// in `backend::fallbacks()`.
#include "keras/backends/backend.hpp"

namespace keras::backend {

class Dispatch final : public Backend {
 public:
  explicit Dispatch(Backend& target) : target_(target) {}
  std::string name() const override { return target_.name(); }
  Capabilities capabilities() const override { return target_.capabilities(); }
  bool can_use(const Buffer& buffer) const override { return target_.can_use(buffer); }
  BufferPtr allocate(std::size_t bytes) override { return target_.allocate(bytes); }
  void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) override {
    target_.read(src, offset, dst, bytes);
  }
  void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) override {
    target_.write(dst, offset, src, bytes);
  }

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
  void matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu) override;
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
  void lstm_sequence_forward(const SequenceArgs& args) override;
  void lstm_sequence_backward(const SequenceArgs& args) override;
  void lstm_inference(const SequenceArgs& args) override;
  void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
               std::int64_t inner, DType dtype, bool log) override;
  void batch_norm_forward(const BatchNormArgs& args) override;
  void batch_norm_backward(const BatchNormArgs& args) override;

 private:
  // The backend that runs `kernel` on these operands.
  Backend& pick(Kernel kernel, DType dtype, std::initializer_list<const Buffer*> operands);
  // pick for kernels that take lists of operands (null: an operand not given).
  Backend& pick_lists(Kernel kernel, DType dtype, const std::vector<const Buffer*>& in,
                      const std::vector<Buffer*>& out);
  Backend& target_;
};

// The dispatcher over the active backend.
inline Dispatch dispatch() { return Dispatch(current()); }

}  // namespace keras::backend
