#include "src/core/ops/recurrent.hpp"

#include "src/core/ops/detail.hpp"

namespace keras::ops::detail {

namespace {

// x's shape and element strides without `axis`.
std::pair<Shape, std::vector<std::int64_t>> drop_axis(const Shape& shape, int axis) {
  std::vector<std::int64_t> dims = shape.dims(), strides = shape.strides();
  dims.erase(dims.begin() + axis);
  strides.erase(strides.begin() + axis);
  return {Shape(dims), strides};
}

void check_gate_operands(const char* op, const std::vector<Tensor>& xs,
                         const std::vector<Shape>& shapes) {
  // Messages are built only on failure: this runs once per time step.
  for (std::size_t k = 0; k < xs.size(); ++k) {
    if (xs[k].shape() != shapes[k])
      throw ValueError(std::string(op) + ": operand " + std::to_string(k) + " must have shape " +
                       shapes[k].to_string() + ", received " + xs[k].shape().to_string());
    if (xs[k].dtype() != xs[0].dtype() || !gates_support(xs[k].dtype()))
      throw ValueError(std::string(op) +
                       ": operands must all be float32 or all float64, received " +
                       std::string(dtype_name(xs[k].dtype())));
  }
}

Tensor or_zeros(const Tensor& grad, const Shape& shape, DType dtype) {
  return grad.defined() ? cast(grad, dtype) : zeros(shape, dtype);
}

}  // namespace

bool gates_support(DType dtype) { return dtype == DType::float32 || dtype == DType::float64; }

std::vector<Tensor> unstack(const Tensor& x, int axis) {
  if (axis < 0 || axis >= x.rank())
    throw ValueError("unstack: axis " + std::to_string(axis) + " is out of bounds for shape " +
                     x.shape().to_string());
  // Named copies, not a structured binding: clang 14 cannot capture those in a lambda.
  const auto dropped = drop_axis(x.shape(), axis);
  const Shape piece_shape = dropped.first;
  const std::vector<std::int64_t> strides = dropped.second;
  const std::int64_t n = x.shape()[axis],
                     step = x.shape().strides()[static_cast<std::size_t>(axis)];
  const DType dtype = x.dtype();
  std::vector<Tensor> pieces;
  pieces.reserve(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k) {
    Tensor piece = empty(piece_shape, dtype);
    if (piece.size() > 0)
      be().copy_strided(*x.buffer(), k * step, strides, *piece.buffer(), 0, piece_shape.strides(),
                        piece_shape, dtype);
    pieces.push_back(piece);
  }
  if (!is_floating(dtype)) return pieces;
  const Shape full = x.shape();
  return autodiff::record_multi(
      pieces, {x}, [full, piece_shape, strides, step, dtype](const std::vector<Tensor>& grads) {
        Tensor out = empty(full, dtype);
        bool complete = true;
        for (const auto& g : grads) complete = complete && g.defined();
        if (!complete) be().fill(*out.buffer(), dtype, full.size(), 0.0);
        for (std::size_t k = 0; k < grads.size(); ++k) {
          if (!grads[k].defined() || piece_shape.size() == 0) continue;
          const Tensor g = cast(grads[k], dtype);
          be().copy_strided(*g.buffer(), 0, piece_shape.strides(), *out.buffer(),
                            static_cast<std::int64_t>(k) * step, strides, piece_shape, dtype);
        }
        return std::vector<Tensor>{out};
      });
}

std::vector<Tensor> lstm_gates(const Tensor& x, const Tensor& r, const Tensor& c_prev) {
  if (x.rank() != 2 || x.shape()[1] % 4 != 0)
    throw ValueError("lstm_gates: the projection must be (batch, 4 * units), received " +
                     x.shape().to_string());
  const std::int64_t batch = x.shape()[0], units = x.shape()[1] / 4;
  const Shape state({batch, units});
  check_gate_operands("lstm_gates", {x, r, c_prev}, {x.shape(), x.shape(), state});
  const DType dtype = x.dtype();
  Tensor gates = empty(x.shape(), dtype), h = empty(state, dtype), c = empty(state, dtype);
  be().gates_forward({backend::GateCell::lstm,
                      dtype,
                      batch,
                      units,
                      {x.buffer().get(), r.buffer().get(), c_prev.buffer().get()},
                      {gates.buffer().get(), h.buffer().get(), c.buffer().get()}});
  // The closure keeps c as computed here, without the node record_multi gives the returned
  // copy (which owns this closure).
  return autodiff::record_multi(
      {h, c}, {x, r, c_prev},
      [gates, c_prev, c, state, batch, units, dtype](const std::vector<Tensor>& grads) {
        const Tensor dh = or_zeros(grads[0], state, dtype), dc = or_zeros(grads[1], state, dtype);
        Tensor dz = empty(gates.shape(), dtype), dc_prev = empty(state, dtype);
        be().gates_backward({backend::GateCell::lstm,
                             dtype,
                             batch,
                             units,
                             {gates.buffer().get(), c_prev.buffer().get(), c.buffer().get(),
                              dh.buffer().get(), dc.buffer().get()},
                             {dz.buffer().get(), dc_prev.buffer().get()}});
        return std::vector<Tensor>{dz, dz, dc_prev};
      });
}

std::vector<Tensor> lstm_sequence(const Tensor& x, const Tensor& w, const Tensor& h0,
                                  const Tensor& c0) {
  if (x.rank() != 3 || x.shape()[2] % 4 != 0 || x.shape()[0] == 0)
    throw ValueError(
        "lstm_sequence: the projections must be (steps >= 1, batch, 4 * units), received " +
        x.shape().to_string());
  const std::int64_t steps = x.shape()[0], batch = x.shape()[1], units = x.shape()[2] / 4;
  const Shape state({batch, units}), seq({steps, batch, units});
  check_gate_operands("lstm_sequence", {x, w, h0, c0},
                      {x.shape(), Shape({units, 4 * units}), state, state});
  const DType dtype = x.dtype();
  Tensor gates = empty(x.shape(), dtype), h = empty(seq, dtype), c = empty(seq, dtype);
  be().lstm_sequence_forward(
      {dtype,
       steps,
       batch,
       units,
       {x.buffer().get(), w.buffer().get(), h0.buffer().get(), c0.buffer().get()},
       {gates.buffer().get(), h.buffer().get(), c.buffer().get()}});
  // The last step's h and c as tensors of their own (copies of one step).
  auto last = [&](const Tensor& s) {
    Tensor out = empty(state, dtype);
    be().copy_strided(*s.buffer(), (steps - 1) * batch * units, {1}, *out.buffer(), 0, {1},
                      Shape({batch * units}), dtype);
    return out;
  };
  const Tensor h_last = last(h), c_last = last(c);
  return autodiff::record_multi(
      {h, h_last, c_last}, {x, w, h0, c0},
      [w, h0, c0, gates, h, c, steps, batch, units, dtype](const std::vector<Tensor>& grads) {
        std::vector<Tensor> given(3);
        for (std::size_t k = 0; k < 3; ++k)
          if (grads[k].defined()) given[k] = cast(grads[k], dtype);
        auto buffer = [](const Tensor& t) { return t.defined() ? t.buffer().get() : nullptr; };
        Tensor dx = empty(gates.shape(), dtype), dw = empty(w.shape(), dtype),
               dh0 = empty(h0.shape(), dtype), dc0 = empty(c0.shape(), dtype);
        be().lstm_sequence_backward(
            {dtype,
             steps,
             batch,
             units,
             {w.buffer().get(), h0.buffer().get(), c0.buffer().get(), gates.buffer().get(),
              h.buffer().get(), c.buffer().get(), buffer(given[0]), buffer(given[1]),
              buffer(given[2])},
             {dx.buffer().get(), dw.buffer().get(), dh0.buffer().get(), dc0.buffer().get()}});
        return std::vector<Tensor>{dx, dw, dh0, dc0};
      });
}

std::vector<Tensor> lstm_inference(const Tensor& x, const Tensor& kernel, const Tensor& w,
                                   const Tensor* bias, const Tensor& h0, const Tensor& c0) {
  if (records_gradient({&x, &kernel, &w, bias, &h0, &c0})) return {};
  if (x.rank() != 3 || x.shape()[0] == 0 || kernel.rank() != 2 || kernel.shape()[1] % 4 != 0)
    throw ValueError(
        "lstm_inference: expected inputs (steps >= 1, batch, features) and a kernel (features, "
        "4 * units), received " +
        x.shape().to_string() + " and " + kernel.shape().to_string());
  const std::int64_t steps = x.shape()[0], batch = x.shape()[1], features = x.shape()[2],
                     units = kernel.shape()[1] / 4;
  const Shape state({batch, units}), gates({4 * units});
  check_gate_operands(
      "lstm_inference", {x, kernel, w, h0, c0},
      {x.shape(), Shape({features, 4 * units}), Shape({units, 4 * units}), state, state});
  if (bias) check_gate_operands("lstm_inference", {x, *bias}, {x.shape(), gates});
  const DType dtype = x.dtype();
  Tensor h = empty(Shape({steps, batch, units}), dtype), h_last = empty(state, dtype),
         c_last = empty(state, dtype);
  if (batch == 0 || units == 0) return {h, h_last, c_last};
  backend::SequenceArgs args{
      dtype,
      steps,
      batch,
      units,
      {x.buffer().get(), kernel.buffer().get(), w.buffer().get(),
       bias ? bias->buffer().get() : nullptr, h0.buffer().get(), c0.buffer().get()},
      {h.buffer().get(), h_last.buffer().get(), c_last.buffer().get()}};
  args.features = features;
  be().lstm_inference(args);
  return {h, h_last, c_last};
}

Tensor gru_gates(const Tensor& x, const Tensor& r, const Tensor& h_prev) {
  if (x.rank() != 2 || x.shape()[1] % 3 != 0)
    throw ValueError("gru_gates: the projection must be (batch, 3 * units), received " +
                     x.shape().to_string());
  const std::int64_t batch = x.shape()[0], units = x.shape()[1] / 3;
  const Shape state({batch, units});
  check_gate_operands("gru_gates", {x, r, h_prev}, {x.shape(), x.shape(), state});
  const DType dtype = x.dtype();
  Tensor gates = empty(x.shape(), dtype), h = empty(state, dtype);
  be().gates_forward({backend::GateCell::gru,
                      dtype,
                      batch,
                      units,
                      {x.buffer().get(), r.buffer().get(), h_prev.buffer().get()},
                      {gates.buffer().get(), h.buffer().get()}});
  return autodiff::record(
      h, {x, r, h_prev}, [gates, r, h_prev, state, batch, units, dtype](const Tensor& grad) {
        const Tensor dh = cast(grad, dtype);
        Tensor dx = empty(gates.shape(), dtype), dr = empty(gates.shape(), dtype),
               dh_prev = empty(state, dtype);
        be().gates_backward(
            {backend::GateCell::gru,
             dtype,
             batch,
             units,
             {gates.buffer().get(), r.buffer().get(), h_prev.buffer().get(), dh.buffer().get()},
             {dx.buffer().get(), dr.buffer().get(), dh_prev.buffer().get()}});
        return std::vector<Tensor>{dx, dr, dh_prev};
      });
}

std::vector<Tensor> gru_reset(const Tensor& x, const Tensor& r, const Tensor& h) {
  if (x.rank() != 2 || x.shape()[1] % 3 != 0)
    throw ValueError("gru_reset: the projection must be (batch, 3 * units), received " +
                     x.shape().to_string());
  const std::int64_t batch = x.shape()[0], units = x.shape()[1] / 3;
  const Shape state({batch, units}), two({batch, 2 * units});
  check_gate_operands("gru_reset", {x, r, h}, {x.shape(), two, state});
  const DType dtype = x.dtype();
  Tensor gates = empty(two, dtype), rh = empty(state, dtype);
  be().gates_forward({backend::GateCell::gru_reset,
                      dtype,
                      batch,
                      units,
                      {x.buffer().get(), r.buffer().get(), h.buffer().get()},
                      {gates.buffer().get(), rh.buffer().get()}});
  return autodiff::record_multi(
      {gates, rh}, {x, r, h},
      [gates, h, two, state, batch, units, dtype](const std::vector<Tensor>& grads) {
        const Tensor dgates = or_zeros(grads[0], two, dtype),
                     drh = or_zeros(grads[1], state, dtype);
        Tensor dx = empty({batch, 3 * units}, dtype), dr = empty(two, dtype),
               dh = empty(state, dtype);
        be().gates_backward(
            {backend::GateCell::gru_reset,
             dtype,
             batch,
             units,
             {gates.buffer().get(), h.buffer().get(), dgates.buffer().get(), drh.buffer().get()},
             {dx.buffer().get(), dr.buffer().get(), dh.buffer().get()}});
        return std::vector<Tensor>{dx, dr, dh};
      });
}

Tensor gru_candidate(const Tensor& x, const Tensor& m, const Tensor& gates, const Tensor& h_prev) {
  if (x.rank() != 2 || x.shape()[1] % 3 != 0)
    throw ValueError("gru_candidate: the projection must be (batch, 3 * units), received " +
                     x.shape().to_string());
  const std::int64_t batch = x.shape()[0], units = x.shape()[1] / 3;
  const Shape state({batch, units});
  check_gate_operands("gru_candidate", {x, m, gates, h_prev},
                      {x.shape(), state, Shape({batch, 2 * units}), state});
  const DType dtype = x.dtype();
  Tensor hh = empty(state, dtype), h = empty(state, dtype);
  be().gates_forward(
      {backend::GateCell::gru_candidate,
       dtype,
       batch,
       units,
       {x.buffer().get(), m.buffer().get(), gates.buffer().get(), h_prev.buffer().get()},
       {hh.buffer().get(), h.buffer().get()}});
  return autodiff::record(h, {x, m, gates, h_prev},
                          [hh, gates, h_prev, state, batch, units, dtype](const Tensor& grad) {
                            const Tensor dh = cast(grad, dtype);
                            Tensor dx = empty({batch, 3 * units}, dtype), dm = empty(state, dtype),
                                   dgates = empty(gates.shape(), dtype),
                                   dh_prev = empty(state, dtype);
                            be().gates_backward({backend::GateCell::gru_candidate,
                                                 dtype,
                                                 batch,
                                                 units,
                                                 {hh.buffer().get(), gates.buffer().get(),
                                                  h_prev.buffer().get(), dh.buffer().get()},
                                                 {dx.buffer().get(), dm.buffer().get(),
                                                  dgates.buffer().get(), dh_prev.buffer().get()}});
                            return std::vector<Tensor>{dx, dm, dgates, dh_prev};
                          });
}

}  // namespace keras::ops::detail
