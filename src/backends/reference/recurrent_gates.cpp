// The fused recurrent gates (GateCell in backend.hpp), as plain loops over one row element at a
// time, in double: the specification the blas backend's vectorised kernels are tested against.
// Each formula is the chain rule through the unfused ops the cells otherwise run (sigmoid,
// tanh, multiply, add), written out once.
#include <cmath>

#include "keras/core/errors.hpp"
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {
namespace {
using Idx = std::int64_t;

double sigmoid(double v) { return 1.0 / (1.0 + std::exp(-v)); }

template <class T>
const T *in(const GateArgs &a, std::size_t k) {
  return static_cast<const T *>(a.in.at(k)->data());
}
template <class T>
T *out(const GateArgs &a, std::size_t k) {
  return static_cast<T *>(a.out.at(k)->data());
}

template <class T>
void lstm_forward(const GateArgs &a) {
  const T *x = in<T>(a, 0), *r = in<T>(a, 1), *c_prev = in<T>(a, 2);
  T *gates = out<T>(a, 0), *h = out<T>(a, 1), *c = out<T>(a, 2);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b) {
    const Idx z = b * 4 * u, s = b * u;
    for (Idx j = 0; j < u; ++j) {
      auto pre = [&](Idx gate) {
        return double(x[z + gate * u + j]) + double(r[z + gate * u + j]);
      };
      const T i = T(sigmoid(pre(0))), f = T(sigmoid(pre(1))), g = T(std::tanh(pre(2))),
              o = T(sigmoid(pre(3)));
      const T cell = T(double(f) * double(c_prev[s + j]) + double(i) * double(g));
      gates[z + j] = i;
      gates[z + u + j] = f;
      gates[z + 2 * u + j] = g;
      gates[z + 3 * u + j] = o;
      c[s + j] = cell;
      h[s + j] = T(double(o) * std::tanh(double(cell)));
    }
  }
}

template <class T>
void lstm_backward(const GateArgs &a) {
  const T *gates = in<T>(a, 0), *c_prev = in<T>(a, 1), *c = in<T>(a, 2), *dh = in<T>(a, 3),
          *dc = in<T>(a, 4);
  T *dz = out<T>(a, 0), *dc_prev = out<T>(a, 1);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b) {
    const Idx z = b * 4 * u, s = b * u;
    for (Idx j = 0; j < u; ++j) {
      const double i = gates[z + j], f = gates[z + u + j], g = gates[z + 2 * u + j],
                   o = gates[z + 3 * u + j];
      const double tc = std::tanh(double(c[s + j]));
      // The cell state's gradient: from the next step, and through h = o tanh(c).
      const double dcell = double(dc[s + j]) + double(dh[s + j]) * o * (1.0 - tc * tc);
      dz[z + j] = T(dcell * g * i * (1.0 - i));
      dz[z + u + j] = T(dcell * double(c_prev[s + j]) * f * (1.0 - f));
      dz[z + 2 * u + j] = T(dcell * i * (1.0 - g * g));
      dz[z + 3 * u + j] = T(double(dh[s + j]) * tc * o * (1.0 - o));
      dc_prev[s + j] = T(dcell * f);
    }
  }
}

template <class T>
void gru_forward(const GateArgs &a) {
  const T *x = in<T>(a, 0), *r = in<T>(a, 1), *h_prev = in<T>(a, 2);
  T *gates = out<T>(a, 0), *h = out<T>(a, 1);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b) {
    const Idx z = b * 3 * u, s = b * u;
    for (Idx j = 0; j < u; ++j) {
      const T update = T(sigmoid(double(x[z + j]) + double(r[z + j])));
      const T reset = T(sigmoid(double(x[z + u + j]) + double(r[z + u + j])));
      const T hh =
          T(std::tanh(double(x[z + 2 * u + j]) + double(reset) * double(r[z + 2 * u + j])));
      gates[z + j] = update;
      gates[z + u + j] = reset;
      gates[z + 2 * u + j] = hh;
      h[s + j] = T(double(hh) + double(update) * (double(h_prev[s + j]) - double(hh)));
    }
  }
}

template <class T>
void gru_backward(const GateArgs &a) {
  const T *gates = in<T>(a, 0), *r = in<T>(a, 1), *h_prev = in<T>(a, 2), *dh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dr = out<T>(a, 1), *dh_prev = out<T>(a, 2);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b) {
    const Idx z = b * 3 * u, s = b * u;
    for (Idx j = 0; j < u; ++j) {
      const double update = gates[z + j], reset = gates[z + u + j], hh = gates[z + 2 * u + j];
      const double d = dh[s + j], hp = h_prev[s + j];
      // h = hh + update (h_prev - hh): through the candidate, the update gate and h_prev.
      const double dcand = d * (1.0 - update) * (1.0 - hh * hh);
      const double dupdate = d * (hp - hh) * update * (1.0 - update);
      const double dreset = dcand * double(r[z + 2 * u + j]) * reset * (1.0 - reset);
      dx[z + j] = dr[z + j] = T(dupdate);
      dx[z + u + j] = dr[z + u + j] = T(dreset);
      dx[z + 2 * u + j] = T(dcand);
      dr[z + 2 * u + j] = T(dcand * reset);
      dh_prev[s + j] = T(d * update);
    }
  }
}

template <class T>
void gru_reset_forward(const GateArgs &a) {
  const T *x = in<T>(a, 0), *r = in<T>(a, 1), *h = in<T>(a, 2);
  T *gates = out<T>(a, 0), *rh = out<T>(a, 1);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b)
    for (Idx j = 0; j < u; ++j) {
      const Idx xz = b * 3 * u + j, gz = b * 2 * u + j;
      gates[gz] = T(sigmoid(double(x[xz]) + double(r[gz])));
      const T reset = T(sigmoid(double(x[xz + u]) + double(r[gz + u])));
      gates[gz + u] = reset;
      rh[b * u + j] = T(double(reset) * double(h[b * u + j]));
    }
}

template <class T>
void gru_reset_backward(const GateArgs &a) {
  const T *gates = in<T>(a, 0), *h = in<T>(a, 1), *dgates = in<T>(a, 2), *drh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dr = out<T>(a, 1), *dh = out<T>(a, 2);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b)
    for (Idx j = 0; j < u; ++j) {
      const Idx xz = b * 3 * u + j, gz = b * 2 * u + j, s = b * u + j;
      const double update = gates[gz], reset = gates[gz + u];
      const double dupdate = double(dgates[gz]) * update * (1.0 - update);
      const double dreset =
          (double(dgates[gz + u]) + double(drh[s]) * double(h[s])) * reset * (1.0 - reset);
      dx[xz] = dr[gz] = T(dupdate);
      dx[xz + u] = dr[gz + u] = T(dreset);
      dx[xz + 2 * u] = T(0);
      dh[s] = T(double(drh[s]) * reset);
    }
}

template <class T>
void gru_candidate_forward(const GateArgs &a) {
  const T *x = in<T>(a, 0), *m = in<T>(a, 1), *gates = in<T>(a, 2), *h_prev = in<T>(a, 3);
  T *hh = out<T>(a, 0), *h = out<T>(a, 1);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b)
    for (Idx j = 0; j < u; ++j) {
      const Idx s = b * u + j;
      const T cand = T(std::tanh(double(x[b * 3 * u + 2 * u + j]) + double(m[s])));
      hh[s] = cand;
      h[s] = T(double(cand) + double(gates[b * 2 * u + j]) * (double(h_prev[s]) - double(cand)));
    }
}

template <class T>
void gru_candidate_backward(const GateArgs &a) {
  const T *hh = in<T>(a, 0), *gates = in<T>(a, 1), *h_prev = in<T>(a, 2), *dh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dm = out<T>(a, 1), *dgates = out<T>(a, 2), *dh_prev = out<T>(a, 3);
  const Idx u = a.units;
  for (Idx b = 0; b < a.batch; ++b)
    for (Idx j = 0; j < u; ++j) {
      const Idx xz = b * 3 * u + j, gz = b * 2 * u + j, s = b * u + j;
      const double update = gates[gz], cand = hh[s], d = dh[s];
      const double dcand = d * (1.0 - update) * (1.0 - cand * cand);
      dx[xz] = dx[xz + u] = T(0);
      dx[xz + 2 * u] = dm[s] = T(dcand);
      dgates[gz] = T(d * (double(h_prev[s]) - cand));
      dgates[gz + u] = T(0);
      dh_prev[s] = T(d * update);
    }
}

}  // namespace

void ReferenceBackend::gates_forward(const GateArgs &args) {
  dispatch_float(args.dtype, "The fused recurrent gates take", [&]<class T>() {
    switch (args.cell) {
      case GateCell::lstm: return lstm_forward<T>(args);
      case GateCell::gru: return gru_forward<T>(args);
      case GateCell::gru_reset: return gru_reset_forward<T>(args);
      case GateCell::gru_candidate: return gru_candidate_forward<T>(args);
    }
  });
}

void ReferenceBackend::gates_backward(const GateArgs &args) {
  dispatch_float(args.dtype, "The fused recurrent gates take", [&]<class T>() {
    switch (args.cell) {
      case GateCell::lstm: return lstm_backward<T>(args);
      case GateCell::gru: return gru_backward<T>(args);
      case GateCell::gru_reset: return gru_reset_backward<T>(args);
      case GateCell::gru_candidate: return gru_candidate_backward<T>(args);
    }
  });
}

}  // namespace keras::backend
