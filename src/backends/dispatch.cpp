#include "src/backends/dispatch.hpp"

#include <map>
#include <mutex>

#include "keras/core/errors.hpp"
#include "src/backends/factories.hpp"
#include "src/backends/flush_subnormals.hpp"
#include "src/backends/staged_backend.hpp"

namespace keras::backend {
namespace {

// One staged fallback per non-host backend, made on first need and kept for the process.
Backend& staged_for(Backend& device) {
  static std::mutex mutex;
  static auto* cache = new std::map<Backend*, std::unique_ptr<StagedBackend>>;
  std::lock_guard lock(mutex);
  auto& slot = (*cache)[&device];
  if (!slot) slot = std::make_unique<StagedBackend>(&device);
  return *slot;
}

}  // namespace

Backend& Dispatch::pick(Kernel kernel, DType dtype, std::initializer_list<const Buffer*> operands) {
  for (const Buffer* b : operands)
    if (!target_.can_use(*b))
      throw ValueError(std::string("Kernel '") + kernel_name(kernel) + "' on backend '" +
                       target_.name() + "' was given a tensor whose memory belongs to another " +
                       "backend (" + (b->is_host() ? "host memory" : "device memory") +
                       "). Tensors do not move between backends implicitly: copy it with "
                       "keras::backend::to_backend(x, \"" +
                       target_.name() + "\")");
  if (target_.supports_op(kernel, dtype)) return target_;
  record_fallback(target_, kernel, dtype);
  if (target_.capabilities().host_memory) return get("reference");
  return staged_for(target_);
}

Backend& Dispatch::pick_lists(Kernel kernel, DType dtype, const std::vector<const Buffer*>& in,
                              const std::vector<Buffer*>& out) {
  for (const Buffer* b : in)
    if (b) pick(kernel, dtype, {b});
  for (const Buffer* b : out)
    if (b) pick(kernel, dtype, {b});
  return pick(kernel, dtype, {});
}

void Dispatch::fill(Buffer& out, DType dtype, std::int64_t n, double value) {
  FlushSubnormals flush;
  pick(Kernel::fill, dtype, {&out}).fill(out, dtype, n, value);
}
void Dispatch::cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) {
  FlushSubnormals flush;
  pick(Kernel::cast, from, {&in, &out}).cast(in, from, out, to, n);
}
void Dispatch::copy_strided(const Buffer& src, std::int64_t src_offset,
                            const std::vector<std::int64_t>& src_strides, Buffer& dst,
                            std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                            const Shape& shape, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::copy_strided, dtype, {&src, &dst})
      .copy_strided(src, src_offset, src_strides, dst, dst_offset, dst_strides, shape, dtype);
}
void Dispatch::unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
                     double alpha) {
  FlushSubnormals flush;
  pick(Kernel::unary, dtype, {&in, &out}).unary(op, in, out, n, dtype, alpha);
}
void Dispatch::binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
                      const Shape& out_shape, DType in) {
  FlushSubnormals flush;
  pick(Kernel::binary, in, {a.buffer, b.buffer, &out}).binary(op, a, b, out, out_shape, in);
}
void Dispatch::where(const StridedInput& cond, const StridedInput& a, const StridedInput& b,
                     Buffer& out, const Shape& out_shape, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::where, dtype, {cond.buffer, a.buffer, b.buffer, &out})
      .where(cond, a, b, out, out_shape, dtype);
}
void Dispatch::reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                      std::int64_t reduced, std::int64_t inner, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::reduce, dtype, {&in, &out}).reduce(op, in, out, outer, reduced, inner, dtype);
}
void Dispatch::arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                          std::int64_t reduced, std::int64_t inner, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::arg_reduce, dtype, {&in, &out})
      .arg_reduce(op, in, out, outer, reduced, inner, dtype);
}
void Dispatch::matmul(const MatmulArgs& args) {
  FlushSubnormals flush;
  pick(Kernel::matmul, args.dtype, {args.a, args.b, args.out}).matmul(args);
}
void Dispatch::matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu) {
  FlushSubnormals flush;
  Backend& b = bias ? pick(Kernel::matmul, args.dtype, {args.a, args.b, bias, args.out})
                    : pick(Kernel::matmul, args.dtype, {args.a, args.b, args.out});
  b.matmul_bias_relu(args, bias, relu);
}
void Dispatch::conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                            DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::conv_forward, dtype, {&x, &w, &y}).conv_forward(g, x, w, y, dtype);
}
void Dispatch::conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                      const Buffer* bias, bool relu, Buffer& y, DType dtype) {
  FlushSubnormals flush;
  Backend& b = bias ? pick(Kernel::conv_forward, dtype, {&x, &w, bias, &y})
                    : pick(Kernel::conv_forward, dtype, {&x, &w, &y});
  b.conv_forward_bias_relu(g, x, w, bias, relu, y, dtype);
}
void Dispatch::conv_forward_bias_relu_max_pool(const ConvGeometry& g, const Buffer& x,
                                               const Buffer& w, const Buffer* bias, bool relu,
                                               Buffer& y, DType dtype) {
  FlushSubnormals flush;
  Backend& b = bias ? pick(Kernel::conv_forward, dtype, {&x, &w, bias, &y})
                    : pick(Kernel::conv_forward, dtype, {&x, &w, &y});
  b.conv_forward_bias_relu_max_pool(g, x, w, bias, relu, y, dtype);
}
void Dispatch::conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                  Buffer& dx, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::conv_backward_data, dtype, {&dy, &w, &dx}).conv_backward_data(g, dy, w, dx, dtype);
}
void Dispatch::conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy,
                                    Buffer& dw, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::conv_backward_filter, dtype, {&x, &dy, &dw})
      .conv_backward_filter(g, x, dy, dw, dtype);
}
void Dispatch::pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                            DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::pool_forward, dtype, {&x, &y}).pool_forward(op, g, x, y, dtype);
}
void Dispatch::pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                             Buffer& dx, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::pool_backward, dtype, {&x, &dy, &dx}).pool_backward(op, g, x, dy, dx, dtype);
}
void Dispatch::gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
                      std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                      DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::gather, dtype, {&in, &indices, &out})
      .gather(in, indices, out, outer, axis_len, inner, n_indices, dtype);
}
void Dispatch::scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out,
                           std::int64_t outer, std::int64_t axis_len, std::int64_t inner,
                           std::int64_t n_indices, DType dtype) {
  FlushSubnormals flush;
  pick(Kernel::scatter_add, dtype, {&updates, &indices, &out})
      .scatter_add(updates, indices, out, outer, axis_len, inner, n_indices, dtype);
}

// The gate kernels take a list of operands; each must be usable by the backend.
void Dispatch::gates_forward(const GateArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::gates_forward, args.dtype, args.in, args.out).gates_forward(args);
}
void Dispatch::gates_backward(const GateArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::gates_backward, args.dtype, args.in, args.out).gates_backward(args);
}

// The sequence kernels are the gate kernels' family: a backend declining those declines these.
void Dispatch::lstm_sequence_forward(const SequenceArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::gates_forward, args.dtype, args.in, args.out).lstm_sequence_forward(args);
}
void Dispatch::lstm_sequence_backward(const SequenceArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::gates_backward, args.dtype, args.in, args.out).lstm_sequence_backward(args);
}
void Dispatch::lstm_inference(const SequenceArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::gates_forward, args.dtype, args.in, args.out).lstm_inference(args);
}

void Dispatch::softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
                       std::int64_t inner, DType dtype, bool log) {
  FlushSubnormals flush;
  pick(Kernel::softmax, dtype, {&in, &out}).softmax(in, out, outer, axis_len, inner, dtype, log);
}

void Dispatch::batch_norm_forward(const BatchNormArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::batch_norm_forward, args.dtype, args.in, args.out).batch_norm_forward(args);
}
void Dispatch::batch_norm_backward(const BatchNormArgs& args) {
  FlushSubnormals flush;
  pick_lists(Kernel::batch_norm_backward, args.dtype, args.in, args.out).batch_norm_backward(args);
}

}  // namespace keras::backend
