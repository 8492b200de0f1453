// The default LSTM sequence kernels (SequenceArgs): the loop the LSTM layer would run step by
// step, on this backend's own matmul, gate, copy and add kernels. The sequence operands are
// whole buffers and kernels take no offsets, so each step's slice is copied into a step-sized
// scratch buffer and its results copied back: one allocation per call, not per step.
#include "keras/backends/backend.hpp"

namespace keras::backend {
namespace {

// Step-sized work buffers and copies between them and the (steps, batch, k) sequences.
class SequenceSteps {
 public:
  SequenceSteps(Backend& b, const SequenceArgs& a) : b_(b), dtype_(a.dtype), batch_(a.batch) {}

  BufferPtr make(std::int64_t width) {
    return b_.allocate(static_cast<std::size_t>(batch_ * width) * dtype_size(dtype_));
  }
  // dst (batch, width) = step t of seq; or step t of seq = src.
  void load(const Buffer& seq, std::int64_t t, std::int64_t width, Buffer& dst) {
    copy(seq, t * batch_ * width, dst, 0, batch_ * width);
  }
  void store(const Buffer& src, Buffer& seq, std::int64_t t, std::int64_t width) {
    copy(src, 0, seq, t * batch_ * width, batch_ * width);
  }
  void copy(const Buffer& src, std::int64_t src_offset, Buffer& dst, std::int64_t dst_offset,
            std::int64_t n) {
    b_.copy_strided(src, src_offset, {1}, dst, dst_offset, {1}, Shape({n}), dtype_);
  }
  // out = a + b, n elements.
  void add(const Buffer& a, const Buffer& b, Buffer& out, std::int64_t n) {
    b_.binary(BinaryOp::add, {&a, {1}}, {&b, {1}}, out, Shape({n}), dtype_);
  }
  MatmulArgs product(const Buffer& a, const Buffer& w, Buffer& out, std::int64_t m, std::int64_t n,
                     std::int64_t k, bool ta, bool tb) const {
    return {&a, &w, &out, dtype_, 1, m, n, k, ta, tb};
  }

 private:
  Backend& b_;
  DType dtype_;
  std::int64_t batch_;
};

}  // namespace

void Backend::lstm_sequence_forward(const SequenceArgs& a) {
  const Buffer &x = *a.in[0], &w = *a.in[1];
  Buffer &gates = *a.out[0], &h = *a.out[1], &c = *a.out[2];
  const std::int64_t u = a.units, g = 4 * u;
  SequenceSteps s(*this, a);
  BufferPtr xt = s.make(g), r = s.make(g), gt = s.make(g);
  BufferPtr ht[2] = {s.make(u), s.make(u)}, ct[2] = {s.make(u), s.make(u)};
  const Buffer* h_prev = a.in[2];
  const Buffer* c_prev = a.in[3];
  for (std::int64_t t = 0; t < a.steps; ++t) {
    Buffer &h_now = *ht[t % 2], &c_now = *ct[t % 2];
    s.load(x, t, g, *xt);
    matmul(s.product(*h_prev, w, *r, a.batch, g, u, false, false));
    gates_forward({GateCell::lstm,
                   a.dtype,
                   a.batch,
                   u,
                   {xt.get(), r.get(), c_prev},
                   {gt.get(), &h_now, &c_now}});
    s.store(*gt, gates, t, g);
    s.store(h_now, h, t, u);
    s.store(c_now, c, t, u);
    h_prev = &h_now;
    c_prev = &c_now;
  }
}

void Backend::lstm_sequence_backward(const SequenceArgs& a) {
  const Buffer &w = *a.in[0], &h0 = *a.in[1], &c0 = *a.in[2], &gates = *a.in[3], &h = *a.in[4],
               &c = *a.in[5];
  const Buffer *dh_seq = a.in[6], *dh_last = a.in[7], *dc_last = a.in[8];
  Buffer &dx = *a.out[0], &dw = *a.out[1], &dh0 = *a.out[2], &dc0 = *a.out[3];
  const std::int64_t u = a.units, g = 4 * u, n = a.batch * u;
  SequenceSteps s(*this, a);
  BufferPtr gt = s.make(g), dz = s.make(g), ct = s.make(u), c_prev = s.make(u), h_prev = s.make(u),
            dh = s.make(u), dh_t = s.make(u), dc = s.make(u), dc_prev = s.make(u),
            dw_t = allocate(static_cast<std::size_t>(u * g) * dtype_size(a.dtype));
  // dh: the gradient reaching h[t] through the next step (dh_last for the last step).
  fill(*dh, a.dtype, n, 0.0);
  fill(*dc, a.dtype, n, 0.0);
  if (dh_last) s.copy(*dh_last, 0, *dh, 0, n);
  if (dc_last) s.copy(*dc_last, 0, *dc, 0, n);
  fill(dw, a.dtype, u * g, 0.0);
  for (std::int64_t t = a.steps - 1; t >= 0; --t) {
    if (dh_seq) {
      s.load(*dh_seq, t, u, *dh_t);
      s.add(*dh, *dh_t, *dh, n);
    }
    s.load(gates, t, g, *gt);
    s.load(c, t, u, *ct);
    if (t > 0) {
      s.load(c, t - 1, u, *c_prev);
      s.load(h, t - 1, u, *h_prev);
    } else {
      s.copy(c0, 0, *c_prev, 0, n);
      s.copy(h0, 0, *h_prev, 0, n);
    }
    gates_backward({GateCell::lstm,
                    a.dtype,
                    a.batch,
                    u,
                    {gt.get(), c_prev.get(), ct.get(), dh.get(), dc.get()},
                    {dz.get(), dc_prev.get()}});
    s.store(*dz, dx, t, g);
    matmul(s.product(*h_prev, *dz, *dw_t, u, g, a.batch, true, false));
    s.add(dw, *dw_t, dw, u * g);
    matmul(s.product(*dz, w, *dh, a.batch, u, g, false, true));
    std::swap(dc, dc_prev);
  }
  s.copy(*dh, 0, dh0, 0, n);
  s.copy(*dc, 0, dc0, 0, n);
}

void Backend::lstm_inference(const SequenceArgs& a) {
  const Buffer &x = *a.in[0], &kernel = *a.in[1], &w = *a.in[2], *bias = a.in[3];
  Buffer &h = *a.out[0], &h_last = *a.out[1], &c_last = *a.out[2];
  const std::int64_t u = a.units, g = 4 * u, rows = a.steps * a.batch, n = a.batch * u;
  SequenceSteps s(*this, a);
  // The layer's own projection: one matmul over every step, then the bias broadcast over rows.
  BufferPtr projected = s.make(a.steps * g), gates = s.make(a.steps * g), c = s.make(a.steps * u);
  matmul({&x, &kernel, projected.get(), a.dtype, 1, rows, g, a.features});
  if (bias)
    binary(BinaryOp::add, {projected.get(), {g, 1}}, {bias, {0, 1}}, *projected, Shape({rows, g}),
           a.dtype);
  lstm_sequence_forward({a.dtype,
                         a.steps,
                         a.batch,
                         u,
                         {projected.get(), &w, a.in[4], a.in[5]},
                         {gates.get(), &h, c.get()}});
  s.copy(h, (a.steps - 1) * n, h_last, 0, n);
  s.copy(*c, (a.steps - 1) * n, c_last, 0, n);
}

}  // namespace keras::backend
