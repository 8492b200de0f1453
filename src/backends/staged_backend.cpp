#include "src/backends/staged_backend.hpp"

#include <utility>

#include "keras/core/errors.hpp"
#include "src/backends/factories.hpp"

namespace keras::backend {
namespace {

// The host copies of one kernel call's operands. A buffer passed twice (an output that is also
// read, or an aliased input) gets one copy, so the kernel sees the aliasing it was given.
class Stage {
 public:
  explicit Stage(Backend& device) : device_(device) {}
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;

  Buffer& in(const Buffer& b) {
    for (auto& [original, copy] : copies_)
      if (original == &b) return *copy;
    BufferPtr copy = host_.allocate(b.bytes());
    device_.read(b, 0, copy->data(), b.bytes());
    copies_.emplace_back(&b, copy);
    return *copy;
  }
  // Outputs start from the buffer's contents: some kernels write part of them (strided copies
  // at an offset) or accumulate into them (scatter_add).
  Buffer& out(Buffer& b) {
    Buffer& copy = in(b);
    outputs_.emplace_back(&b, &copy);
    return copy;
  }
  StridedInput in(const StridedInput& s) { return {&in(*s.buffer), s.strides}; }
  ReferenceBackend& host() { return host_; }
  void finish() {
    for (auto& [original, copy] : outputs_)
      device_.write(*original, 0, copy->data(), copy->bytes());
  }

 private:
  Backend& device_;
  ReferenceBackend host_;
  std::vector<std::pair<const Buffer*, BufferPtr>> copies_;
  std::vector<std::pair<Buffer*, Buffer*>> outputs_;
};

}  // namespace

std::string StagedBackend::name() const {
  return device_ ? device_->name() + " (reference kernels on host copies)" : "staged";
}
bool StagedBackend::can_use(const Buffer& buffer) const {
  return device_ ? device_->can_use(buffer) : !buffer.is_host();
}
BufferPtr StagedBackend::allocate(std::size_t bytes) {
  if (!device_) throw NotImplementedError("StagedBackend without a device cannot allocate");
  return device_->allocate(bytes);
}
void StagedBackend::read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) {
  if (!device_) throw NotImplementedError("StagedBackend without a device cannot read");
  device_->read(src, offset, dst, bytes);
}
void StagedBackend::write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) {
  if (!device_) throw NotImplementedError("StagedBackend without a device cannot write");
  device_->write(dst, offset, src, bytes);
}

void StagedBackend::fill(Buffer& out, DType dtype, std::int64_t n, double value) {
  Stage s(device());
  s.host().fill(s.out(out), dtype, n, value);
  s.finish();
}
void StagedBackend::cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) {
  Stage s(device());
  s.host().cast(s.in(in), from, s.out(out), to, n);
  s.finish();
}
void StagedBackend::copy_strided(const Buffer& src, std::int64_t src_offset,
                                 const std::vector<std::int64_t>& src_strides, Buffer& dst,
                                 std::int64_t dst_offset,
                                 const std::vector<std::int64_t>& dst_strides, const Shape& shape,
                                 DType dtype) {
  Stage s(device());
  s.host().copy_strided(s.in(src), src_offset, src_strides, s.out(dst), dst_offset, dst_strides,
                        shape, dtype);
  s.finish();
}
void StagedBackend::unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
                          double alpha) {
  Stage s(device());
  s.host().unary(op, s.in(in), s.out(out), n, dtype, alpha);
  s.finish();
}
void StagedBackend::binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
                           const Shape& out_shape, DType in) {
  Stage s(device());
  s.host().binary(op, s.in(a), s.in(b), s.out(out), out_shape, in);
  s.finish();
}
void StagedBackend::where(const StridedInput& cond, const StridedInput& a, const StridedInput& b,
                          Buffer& out, const Shape& out_shape, DType dtype) {
  Stage s(device());
  s.host().where(s.in(cond), s.in(a), s.in(b), s.out(out), out_shape, dtype);
  s.finish();
}
void StagedBackend::reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                           std::int64_t reduced, std::int64_t inner, DType dtype) {
  Stage s(device());
  s.host().reduce(op, s.in(in), s.out(out), outer, reduced, inner, dtype);
  s.finish();
}
void StagedBackend::arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                               std::int64_t reduced, std::int64_t inner, DType dtype) {
  Stage s(device());
  s.host().arg_reduce(op, s.in(in), s.out(out), outer, reduced, inner, dtype);
  s.finish();
}
void StagedBackend::matmul(const MatmulArgs& args) {
  Stage s(device());
  MatmulArgs host_args = args;
  host_args.a = &s.in(*args.a);
  host_args.b = &s.in(*args.b);
  host_args.out = &s.out(*args.out);
  s.host().matmul(host_args);
  s.finish();
}
void StagedBackend::conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                                 DType dtype) {
  Stage s(device());
  s.host().conv_forward(g, s.in(x), s.in(w), s.out(y), dtype);
  s.finish();
}
void StagedBackend::conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                       Buffer& dx, DType dtype) {
  Stage s(device());
  s.host().conv_backward_data(g, s.in(dy), s.in(w), s.out(dx), dtype);
  s.finish();
}
void StagedBackend::conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy,
                                         Buffer& dw, DType dtype) {
  Stage s(device());
  s.host().conv_backward_filter(g, s.in(x), s.in(dy), s.out(dw), dtype);
  s.finish();
}
void StagedBackend::pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                                 DType dtype) {
  Stage s(device());
  s.host().pool_forward(op, g, s.in(x), s.out(y), dtype);
  s.finish();
}
void StagedBackend::pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x,
                                  const Buffer& dy, Buffer& dx, DType dtype) {
  Stage s(device());
  s.host().pool_backward(op, g, s.in(x), s.in(dy), s.out(dx), dtype);
  s.finish();
}
void StagedBackend::gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
                           std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                           DType dtype) {
  Stage s(device());
  s.host().gather(s.in(in), s.in(indices), s.out(out), outer, axis_len, inner, n_indices, dtype);
  s.finish();
}
void StagedBackend::scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out,
                                std::int64_t outer, std::int64_t axis_len, std::int64_t inner,
                                std::int64_t n_indices, DType dtype) {
  Stage s(device());
  s.host().scatter_add(s.in(updates), s.in(indices), s.out(out), outer, axis_len, inner, n_indices,
                       dtype);
  s.finish();
}

namespace {
GateArgs staged(Stage& s, const GateArgs& args) {
  GateArgs host = args;
  for (auto& b : host.in) b = &s.in(*b);
  for (auto& b : host.out) b = &s.out(*b);
  return host;
}
BatchNormArgs staged(Stage& s, const BatchNormArgs& args) {
  BatchNormArgs host = args;
  for (auto& b : host.in)
    if (b) b = &s.in(*b);
  for (auto& b : host.out)
    if (b) b = &s.out(*b);
  return host;
}
}  // namespace

void Backend::gates_forward(const GateArgs& args) {
  record_fallback(*this, Kernel::gates_forward, args.dtype);
  StagedBackend(this).gates_forward(args);
}
void Backend::gates_backward(const GateArgs& args) {
  record_fallback(*this, Kernel::gates_backward, args.dtype);
  StagedBackend(this).gates_backward(args);
}

void Backend::softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
                      std::int64_t inner, DType dtype, bool log) {
  record_fallback(*this, Kernel::softmax, dtype);
  StagedBackend(this).softmax(in, out, outer, axis_len, inner, dtype, log);
}

void Backend::batch_norm_forward(const BatchNormArgs& args) {
  record_fallback(*this, Kernel::batch_norm_forward, args.dtype);
  StagedBackend(this).batch_norm_forward(args);
}
void Backend::batch_norm_backward(const BatchNormArgs& args) {
  record_fallback(*this, Kernel::batch_norm_backward, args.dtype);
  StagedBackend(this).batch_norm_backward(args);
}

void StagedBackend::gates_forward(const GateArgs& args) {
  Stage s(device());
  s.host().gates_forward(staged(s, args));
  s.finish();
}
void StagedBackend::gates_backward(const GateArgs& args) {
  Stage s(device());
  s.host().gates_backward(staged(s, args));
  s.finish();
}

void StagedBackend::softmax(const Buffer& in, Buffer& out, std::int64_t outer,
                            std::int64_t axis_len, std::int64_t inner, DType dtype, bool log) {
  Stage s(device());
  s.host().softmax(s.in(in), s.out(out), outer, axis_len, inner, dtype, log);
  s.finish();
}

void StagedBackend::batch_norm_forward(const BatchNormArgs& args) {
  Stage s(device());
  s.host().batch_norm_forward(staged(s, args));
  s.finish();
}
void StagedBackend::batch_norm_backward(const BatchNormArgs& args) {
  Stage s(device());
  s.host().batch_norm_backward(staged(s, args));
  s.finish();
}

}  // namespace keras::backend
