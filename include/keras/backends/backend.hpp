#pragma once
// The kernel interface every compute backend implements: a small set of kernels on opaque
// buffers. Core (`keras::ops`) computes shapes, broadcasting strides and dtypes; a backend only
// moves and combines elements. All buffers a kernel receives are contiguous unless strides are
// passed explicitly. Residence is explicit, as in ggml: a buffer says whether it is host memory,
// data moves in and out only through the backend's `read` / `write`, and a backend may decline
// a kernel (`supports_op`), which the core then runs on the reference kernels through host
// copies and reports (`fallbacks()`). A backend that has nothing faster for a kernel inherits
// the reference one and lists what it overrides in `accelerated_kernels()`.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/dtype.hpp"
#include "keras/core/shape.hpp"

namespace keras::backend {

// Memory owned by a backend. Host buffers hand their CPU pointer to host kernels through
// `data()`; any other buffer (a device's, or the strict test backend's) answers
// `is_host() == false` and throws from `data()`: its contents are reachable only through its
// backend's `read` / `write`.
class Buffer {
 public:
  virtual ~Buffer() = default;
  virtual bool is_host() const = 0;
  virtual void* data() = 0;
  virtual const void* data() const = 0;
  virtual std::size_t bytes() const = 0;
};
using BufferPtr = std::shared_ptr<Buffer>;

// The kernels of the interface, for `supports_op` and the fallback report.
enum class Kernel {
  fill,
  cast,
  copy_strided,
  unary,
  binary,
  where,
  reduce,
  arg_reduce,
  matmul,
  conv_forward,
  conv_backward_data,
  conv_backward_filter,
  pool_forward,
  pool_backward,
  gather,
  scatter_add,
  gates_forward,
  gates_backward,
  softmax,
  batch_norm_forward,
  batch_norm_backward
};
const char* kernel_name(Kernel kernel);

// What the core may assume about a backend, instead of guessing from its name.
struct Capabilities {
  // Buffers from `allocate` are host memory: the core may run host loops on them in place
  // (the fused optimizer updates, zero-copy xtensor views) instead of kernels and transfers.
  bool host_memory = true;
};

enum class UnaryOp {
  negative,
  abs,
  sign,
  exp,
  expm1,
  log,
  log1p,
  sqrt,
  rsqrt,
  square,
  reciprocal,
  sin,
  cos,
  tanh,
  sigmoid,
  relu,
  relu6,
  elu,
  selu,
  softplus,
  softsign,
  gelu_tanh,
  gelu_erf,
  silu,
  hard_sigmoid,
  leaky_relu,
  erf,
  round,
  floor,
  ceil,
  logical_not,
  isnan,
  isinf,
  isfinite
};
// `elu` and `leaky_relu` take their slope/alpha in the kernel's `alpha` argument.
bool is_predicate(UnaryOp op);  // result dtype is bool (logical_not, isnan, isinf, isfinite)

enum class BinaryOp {
  add,
  subtract,
  multiply,
  divide,
  power,
  maximum,
  minimum,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  logical_and,
  logical_or,
  logical_xor,
  floor_divide,
  mod
};
bool is_comparison(BinaryOp op);  // result dtype is bool

enum class ReduceOp { sum, prod, max, min, any, all };
enum class ArgReduceOp { argmax, argmin };

// A broadcast operand: element strides over the output shape (0 along broadcast dims).
struct StridedInput {
  const Buffer* buffer;
  std::vector<std::int64_t> strides;
};

// Geometry of an N-D (N = 1..3) channels-last convolution with explicit padding.
// x: (batch, in_spatial..., in_channels); w: (kernel..., in_channels / groups, out_channels);
// y: (batch, out_spatial..., out_channels). Output position o reads input o*stride - pad_before
// + k*dilation; reads outside the input are zeros.
struct ConvGeometry {
  int nd = 2;
  std::int64_t batch = 1, in_channels = 1, out_channels = 1, groups = 1;
  std::array<std::int64_t, 3> in{1, 1, 1}, out{1, 1, 1}, kernel{1, 1, 1}, stride{1, 1, 1},
      dilation{1, 1, 1}, pad_before{0, 0, 0};
};

// Geometry of an N-D channels-last pooling window (same fields, channels = in = out).
struct PoolGeometry {
  int nd = 2;
  std::int64_t batch = 1, channels = 1;
  std::array<std::int64_t, 3> in{1, 1, 1}, out{1, 1, 1}, window{1, 1, 1}, stride{1, 1, 1},
      pad_before{0, 0, 0};
};
enum class PoolOp { max, average };  // average counts only positions inside the input

// Batched matrix product: out[b] = op(a[b]) @ op(b[b]), op = transpose if the flag is set.
// a[b] starts at b*a_batch_stride (0 broadcasts one matrix to every batch); out is contiguous
// (batch, m, n). Stored a is (m, k) or (k, m) when transposed; b is (k, n) or (n, k).
struct MatmulArgs {
  const Buffer* a;
  const Buffer* b;
  Buffer* out;
  DType dtype;
  std::int64_t batch, m, n, k;
  bool transpose_a = false, transpose_b = false;
  std::int64_t a_batch_stride = 0, b_batch_stride = 0;
};

// The gates of one recurrent time step, fused into one pass: what the LSTM and GRU layers run
// per step after the recurrent GEMM when they use Keras's default activations (sigmoid gates,
// tanh candidate), the case Keras's own fast path (cuDNN) requires too. Every operand is
// contiguous row-major (batch, k * units); "x" is the step's input projection, "r" the
// recurrent product h_prev @ recurrent_kernel (plus GRU's recurrent bias). Float types only.
enum class GateCell {
  // Forward: in {x, r (batch, 4u), c_prev (batch, u)}; x + r is i, f, g, o (Keras's order);
  //   out {gates (batch, 4u) = sigmoid(i), sigmoid(f), tanh(g), sigmoid(o);
  //        h = o tanh(c) (batch, u); c = f c_prev + i g (batch, u)}.
  // Backward: in {gates, c_prev, c, dh, dc}; out {dz (batch, 4u): the gradient of x and of r;
  //   dc_prev (batch, u)}.
  lstm,
  // GRU, reset_after: in {x, r (batch, 3u), h_prev (batch, u)}; z = sigmoid(x_z + r_z),
  //   a = sigmoid(x_r + r_r) (the reset gate), hh = tanh(x_h + a r_h), h = hh + z (h_prev - hh);
  //   out {gates (batch, 3u) = z, a, hh; h (batch, u)}.
  // Backward: in {gates, r, h_prev, dh}; out {dx (batch, 3u), dr (batch, 3u), dh_prev}.
  gru,
  // GRU without reset_after, in two parts around the product of the reset state with the
  // candidate's recurrent kernel, m = (a h) @ recurrent_kernel[:, 2u:].
  // gru_reset: in {x (batch, 3u), r (batch, 2u): h @ recurrent_kernel[:, :2u], h (batch, u)};
  //   out {gates (batch, 2u) = z = sigmoid(x_z + r_z), a = sigmoid(x_r + r_r); a h (batch, u)}.
  //   Backward: in {gates, h, dgates, d(a h)}; out {dx (batch, 3u; zeros for x_h),
  //   dr (batch, 2u), dh}.
  gru_reset,
  // gru_candidate: in {x (batch, 3u), m (batch, u), gates (batch, 2u), h_prev (batch, u)};
  //   out {hh = tanh(x_h + m) (batch, u); h = hh + z (h_prev - hh)}.
  //   Backward: in {hh, gates, h_prev, dh}; out {dx (batch, 3u; zeros for x_z, x_r), dm,
  //   dgates (batch, 2u; zeros for a), dh_prev}.
  gru_candidate,
};
struct GateArgs {
  GateCell cell;
  DType dtype;
  std::int64_t batch, units;
  std::vector<const Buffer*> in;  // in the order GateCell lists them
  std::vector<Buffer*> out;
};

// The LSTM recurrence over a whole sequence (GateCell::lstm after h_prev @ w at every step),
// time-major, every operand contiguous: what the LSTM layer runs instead of one recurrent GEMM
// and one gates kernel per step, with no per-step tensors (cuDNN's shape of the same loop).
// Forward: in {x (steps, batch, 4u) the input projections, w (u, 4u), h0, c0 (batch, u)};
//   out {gates (steps, batch, 4u), h (steps, batch, u), c (steps, batch, u)}: step t's as the
//   lstm cell's from h[t-1], c[t-1] (h0, c0 for t = 0).
// Backward: in {w, h0, c0, gates, h, c (the forward's), dh (steps, batch, u) the gradient of
//   every step's h or null (none), dh_last, dc_last (batch, u) the gradients of the last h and
//   c or null}; out {dx (steps, batch, 4u) the gradient of x (and of each step's recurrent
//   product), dw (u, 4u), dh0, dc0 (batch, u)}.
// Inference (nothing recorded for a gradient), from the layer's inputs rather than their
//   projections: in {x (steps, batch, features), kernel (features, 4u), w (u, 4u), bias (4u) or
//   null, h0, c0 (batch, u)}; out {h (steps, batch, u), h_last, c_last (batch, u)}.
struct SequenceArgs {
  DType dtype;
  std::int64_t steps, batch, units;
  std::vector<const Buffer*> in;
  std::vector<Buffer*> out;
  std::int64_t features = 0;  // inference only
};

// Batch normalization of a tensor viewed as (outer, channels, inner), float32 or float64, with
// one mean, variance, gamma and beta per channel; n = outer * inner >= 1 values per channel.
// y = x * s + t, s = rsqrt(variance + epsilon) * gamma, t = beta - mean * s (keras.ops
// .batch_normalization's order; no gamma: s = rsqrt(...), no beta: t = -mean * s).
// Forward: in {x, mean, variance (null when training), gamma, beta (null: none)};
//   out {y, mean, variance (null unless training)}: when training, the batch's statistics
//   (variance with 1/n, as jnp.var) are computed, written out and used.
// Backward (of the training forward, the statistics depending on x): in {x, dy, mean,
//   variance (the batch's), gamma (null: none)}; out {dx, dgamma, dbeta (null: not wanted)}.
struct BatchNormArgs {
  DType dtype;
  std::int64_t outer, channels, inner;
  double epsilon;
  bool training;
  std::vector<const Buffer*> in;
  std::vector<Buffer*> out;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // What a benchmark report or a bug report should say about this backend beyond its name
  // (blas: the instruction set its kernels were chosen for and OpenBLAS's core).
  virtual std::string info() const { return name(); }
  virtual Capabilities capabilities() const { return {}; }
  // Kernel names this backend implements itself rather than inheriting the reference ones.
  virtual std::vector<std::string> accelerated_kernels() const { return {}; }
  // Whether this backend runs `kernel` on operands of `dtype` (the dtype the kernel is called
  // with; `cast` is asked with its source dtype). A declined kernel runs on the reference
  // kernels through host copies of the operands (see `fallbacks()`).
  virtual bool supports_op(Kernel /*kernel*/, DType /*dtype*/) const { return true; }
  // Whether `buffer` can be an operand of this backend's kernels. Host backends take any host
  // buffer (so blas and reference share tensors); others only their own.
  virtual bool can_use(const Buffer& buffer) const { return buffer.is_host(); }

  virtual BufferPtr allocate(std::size_t bytes) = 0;
  // The transfers between host memory and this backend's buffers: `bytes` bytes at byte
  // `offset` of the buffer. Out-of-range requests throw ValueError.
  virtual void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) = 0;
  virtual void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) = 0;
  // Copies `bytes` bytes of a buffer of `src_backend` into `dst` (one of ours): the explicit
  // move of a tensor between backends. The default stages through host memory.
  virtual void copy_from(Buffer& dst, Backend& src_backend, const Buffer& src, std::size_t bytes);
  // Returns when every kernel and transfer issued so far has finished (host backends run
  // synchronously; a device backend would wait for its queue).
  virtual void synchronize() {}
  // Called by config::set_num_threads (e.g. to configure the BLAS library's pool).
  virtual void set_num_threads(int /*n*/) {}

  // out[i] = value (cast to dtype), n elements.
  virtual void fill(Buffer& out, DType dtype, std::int64_t n, double value) = 0;
  virtual void cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) = 0;
  // Copies `shape` elements from src (element strides, starting at src_offset) to dst
  // (element strides, starting at dst_offset). Transpose, slice, flip, broadcast and concat
  // are all this kernel with different strides. Strides may be negative or zero for src.
  virtual void copy_strided(const Buffer& src, std::int64_t src_offset,
                            const std::vector<std::int64_t>& src_strides, Buffer& dst,
                            std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                            const Shape& shape, DType dtype) = 0;

  virtual void unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
                     double alpha) = 0;
  // out (contiguous, out_shape) = op(a, b); a, b of dtype `in`; out of dtype `in` or bool.
  // `out` may be a's own buffer (a then has out_shape): ops write the result over a temporary
  // the caller gave up, so element k of a must be read before element k of out is written.
  virtual void binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
                      const Shape& out_shape, DType in) = 0;
  // out = cond ? a : b, all broadcast over out_shape; cond is bool.
  virtual void where(const StridedInput& cond, const StridedInput& a, const StridedInput& b,
                     Buffer& out, const Shape& out_shape, DType dtype) = 0;

  // Input viewed as (outer, reduced, inner), output (outer, inner).
  virtual void reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                      std::int64_t reduced, std::int64_t inner, DType dtype) = 0;
  // Same view; output int64 indices (first occurrence wins, NaN counts as extreme).
  virtual void arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                          std::int64_t reduced, std::int64_t inner, DType dtype) = 0;

  virtual void matmul(const MatmulArgs& args) = 0;
  // matmul (batch 1, no transposes), then out += bias (one value per column; null: none) and,
  // with `relu`, out = relu(out): a Dense layer's three ops as one kernel (at inference). The
  // default runs matmul, binary add and unary relu; onednn runs one matmul primitive with the
  // bias and a relu post-op.
  virtual void matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu);

  virtual void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                            DType dtype) = 0;
  // dx = gradient of conv_forward with respect to x (also: transposed convolution).
  virtual void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                  Buffer& dx, DType dtype) = 0;
  virtual void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy,
                                    Buffer& dw, DType dtype) = 0;
  // conv_forward, then y += bias (one value per output channel; null: none) and, with `relu`,
  // y = relu(y) (NaN passes, as in the unary kernel): a convolutional layer's bias and relu
  // applied while each block of y is in cache, instead of two more passes over y. The default
  // runs conv_forward, binary add and unary relu; blas fuses them with the same bits.
  virtual void conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                      const Buffer* bias, bool relu, Buffer& y, DType dtype);

  // conv_forward_bias_relu of a 2-D convolution, then max pooling over 2x2 windows with stride
  // 2 and no padding (an odd last output row or column is dropped) into y (batch, out[0] / 2,
  // out[1] / 2, out_channels): Conv2D followed by MaxPooling2D at inference, without storing
  // the convolution's output. The default runs the two kernels through a temporary buffer.
  virtual void conv_forward_bias_relu_max_pool(const ConvGeometry& g, const Buffer& x,
                                               const Buffer& w, const Buffer* bias, bool relu,
                                               Buffer& y, DType dtype);

  virtual void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                            DType dtype) = 0;
  virtual void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                             Buffer& dx, DType dtype) = 0;

  // Along one axis of a tensor viewed as (outer, axis_len, inner):
  // gather: out(outer, n_idx, inner) = in(outer, idx[j], inner); indices int64, in range.
  virtual void gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
                      std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                      DType dtype) = 0;
  // scatter_add: out(outer, idx[j], inner) += updates(outer, j, inner). `out` is pre-filled.
  virtual void scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out,
                           std::int64_t outer, std::int64_t axis_len, std::int64_t inner,
                           std::int64_t n_indices, DType dtype) = 0;

  // One recurrent step's gates and their gradient (see GateCell). The default runs the
  // reference kernel on host copies and reports it as a fallback, so a backend written before
  // these kernels existed (or without a faster one) still runs them.
  virtual void gates_forward(const GateArgs& args);
  virtual void gates_backward(const GateArgs& args);
  // The LSTM's whole time loop (see SequenceArgs). The default runs matmul and the gate
  // kernels step by step on this backend, through step-sized scratch buffers; blas runs the
  // same loop on pointers into the sequence buffers.
  virtual void lstm_sequence_forward(const SequenceArgs& args);
  virtual void lstm_sequence_backward(const SequenceArgs& args);
  // The LSTM layer at inference, input projection included (see SequenceArgs): where a backend
  // with an LSTM primitive (oneDNN's) runs it. The default projects every step in one matmul
  // (and adds the bias), then runs lstm_sequence_forward.
  virtual void lstm_inference(const SequenceArgs& args);

  // Softmax along the middle axis of a tensor viewed as (outer, axis_len, inner), float32 or
  // float64, axis_len >= 1: out = exp(in - m) / sum(exp(in - m)), m the slice's maximum (a NaN
  // in a slice makes all of it NaN); with `log`, log_softmax: (in - m) - log(sum(exp(in - m))).
  // One pass where XLA fuses the five ops Keras writes. The default runs the reference kernel
  // on host copies and reports it as a fallback, as for the gates.
  virtual void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
                       std::int64_t inner, DType dtype, bool log);

  // BatchNormalization's forward and its training gradient as kernels (see BatchNormArgs):
  // where TensorFlow and PyTorch call oneDNN's primitive, instead of the eight ops of the
  // statistics, the normalization and their gradients. The default runs the reference kernel
  // on host copies and reports it as a fallback, as for the gates.
  virtual void batch_norm_forward(const BatchNormArgs& args);
  virtual void batch_norm_backward(const BatchNormArgs& args);
};

// The active backend: chosen at build time (-DKERASPP_BACKEND), overridable with the
// KERAS_BACKEND environment variable or `set_backend`. An unknown name is a ValueError
// listing the compiled-in backends.
Backend& current();
std::string name();
void set_backend(const std::string& name);
std::vector<std::string> available();
// Backend by name without activating it (tests compare backends side by side).
Backend& get(const std::string& name);
// Adds a backend under `name` (e.g. one written outside the library); `make` runs on first use.
// Registering a name twice is a ValueError.
void register_backend(const std::string& name, std::function<std::unique_ptr<Backend>()> make);

// A kernel a backend declined and the core ran on the reference kernels instead: the first
// time each (backend, kernel, dtype) happens it is also reported on stderr.
struct Fallback {
  std::string backend;
  Kernel kernel;
  DType dtype;
};
std::vector<Fallback> fallbacks();

}  // namespace keras::backend
