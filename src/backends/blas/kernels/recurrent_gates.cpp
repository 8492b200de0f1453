// The fused recurrent gates (GateCell in backend.hpp) for the blas backend: the reference's
// formulas on xsimd batches in the input precision, rows split over the thread pool. Sigmoid
// and tanh are the ones the blas unary kernel computes, so a fused step matches the unfused
// ops it replaces to rounding.
#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "src/backends/blas/kernels/blas_backend.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/simd.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {
namespace {
using Idx = std::int64_t;

// Runs f over n elements of NIn input rows and NOut output rows, one xsimd batch at a time;
// the tail goes through zero-padded batches so every element sees the same function.
template <class T, std::size_t NIn, std::size_t NOut, class F>
void lanes(const std::array<const T*, NIn>& ins, const std::array<T*, NOut>& outs, Idx n, F f) {
  using B = xsimd::batch<T>;
  constexpr Idx W = static_cast<Idx>(B::size);
  Idx j = 0;
  for (; j + W <= n; j += W) {
    std::array<B, NIn> v;
    for (std::size_t k = 0; k < NIn; ++k) v[k] = B::load_unaligned(ins[k] + j);
    const std::array<B, NOut> r = f(v);
    for (std::size_t k = 0; k < NOut; ++k) r[k].store_unaligned(outs[k] + j);
  }
  if (j == n) return;
  const auto rest = static_cast<std::size_t>(n - j) * sizeof(T);
  alignas(64) T tmp[W] = {};
  std::array<B, NIn> v;
  for (std::size_t k = 0; k < NIn; ++k) {
    std::memcpy(tmp, ins[k] + j, rest);
    v[k] = B::load_aligned(tmp);
  }
  const std::array<B, NOut> r = f(v);
  for (std::size_t k = 0; k < NOut; ++k) {
    r[k].store_aligned(tmp);
    std::memcpy(outs[k] + j, tmp, rest);
  }
}

template <class B>
B sigmoid(B v) {
  return B(1) / (B(1) + xsimd::exp(-v));
}

// Rows of the batch in parallel; each chunk of rows is about kHeavyGrain elements of gates.
// f(row) runs one row.
template <class F>
void each_row(const GateArgs& a, Idx gates, F f) {
  const Idx grain = std::max<Idx>(1, blas_detail::kHeavyGrain / (gates * a.units));
  threading::parallel_for(a.batch, grain, [&](Idx b, Idx e) {
    for (Idx row = b; row < e; ++row) f(row);
  });
}
// The same with the offsets of the row's gates (gates * units wide) and state (units wide).
template <class F>
void rows(const GateArgs& a, Idx gates, F f) {
  each_row(a, gates, [&](Idx row) { f(row * gates * a.units, row * a.units); });
}

template <class T>
const T* in(const GateArgs& a, std::size_t k) {
  return static_cast<const T*>(a.in[k]->data());
}
template <class T>
T* out(const GateArgs& a, std::size_t k) {
  return static_cast<T*>(a.out[k]->data());
}

// One LSTM step's gates on pointers: the kernel's operands, or one step of a sequence's (`a`
// gives the batch and units only).
template <class T>
void lstm_step_forward(const GateArgs& a, const T* x, const T* r, const T* c_prev, T* gates, T* h,
                       T* c) {
  using B = xsimd::batch<T>;
  const Idx u = a.units;
  rows(a, 4, [&](Idx z, Idx s) {
    lanes<T, 9, 6>({x + z, x + z + u, x + z + 2 * u, x + z + 3 * u, r + z, r + z + u, r + z + 2 * u,
                    r + z + 3 * u, c_prev + s},
                   {gates + z, gates + z + u, gates + z + 2 * u, gates + z + 3 * u, h + s, c + s},
                   u, [](const std::array<B, 9>& v) {
                     const B i = sigmoid(v[0] + v[4]), f = sigmoid(v[1] + v[5]),
                             g = xsimd::tanh(v[2] + v[6]), o = sigmoid(v[3] + v[7]);
                     const B cell = f * v[8] + i * g;
                     return std::array<B, 6>{i, f, g, o, o * xsimd::tanh(cell), cell};
                   });
  });
}

template <class T>
void lstm_step_backward(const GateArgs& a, const T* gates, const T* c_prev, const T* c, const T* dh,
                        const T* dc, T* dz, T* dc_prev) {
  using B = xsimd::batch<T>;
  const Idx u = a.units;
  rows(a, 4, [&](Idx z, Idx s) {
    lanes<T, 8, 5>({gates + z, gates + z + u, gates + z + 2 * u, gates + z + 3 * u, c_prev + s,
                    c + s, dh + s, dc + s},
                   {dz + z, dz + z + u, dz + z + 2 * u, dz + z + 3 * u, dc_prev + s}, u,
                   [](const std::array<B, 8>& v) {
                     const B one(1);
                     const B &i = v[0], &f = v[1], &g = v[2], &o = v[3], &d = v[6];
                     const B tc = xsimd::tanh(v[5]);
                     const B dcell = v[7] + d * o * (one - tc * tc);
                     return std::array<B, 5>{
                         dcell * g * i * (one - i), dcell * v[4] * f * (one - f),
                         dcell * i * (one - g * g), d * tc * o * (one - o), dcell * f};
                   });
  });
}

template <class T>
void lstm_forward(const GateArgs& a) {
  lstm_step_forward<T>(a, in<T>(a, 0), in<T>(a, 1), in<T>(a, 2), out<T>(a, 0), out<T>(a, 1),
                       out<T>(a, 2));
}

template <class T>
void lstm_backward(const GateArgs& a) {
  lstm_step_backward<T>(a, in<T>(a, 0), in<T>(a, 1), in<T>(a, 2), in<T>(a, 3), in<T>(a, 4),
                        out<T>(a, 0), out<T>(a, 1));
}

template <class T>
void gru_forward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *x = in<T>(a, 0), *r = in<T>(a, 1), *h_prev = in<T>(a, 2);
  T *gates = out<T>(a, 0), *h = out<T>(a, 1);
  const Idx u = a.units;
  rows(a, 3, [&](Idx z, Idx s) {
    lanes<T, 7, 4>({x + z, x + z + u, x + z + 2 * u, r + z, r + z + u, r + z + 2 * u, h_prev + s},
                   {gates + z, gates + z + u, gates + z + 2 * u, h + s}, u,
                   [](const std::array<B, 7>& v) {
                     const B update = sigmoid(v[0] + v[3]), reset = sigmoid(v[1] + v[4]);
                     const B hh = xsimd::tanh(v[2] + reset * v[5]);
                     return std::array<B, 4>{update, reset, hh, hh + update * (v[6] - hh)};
                   });
  });
}

template <class T>
void gru_backward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *gates = in<T>(a, 0), *r = in<T>(a, 1), *h_prev = in<T>(a, 2), *dh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dr = out<T>(a, 1), *dh_prev = out<T>(a, 2);
  const Idx u = a.units;
  rows(a, 3, [&](Idx z, Idx s) {
    lanes<T, 6, 7>(
        {gates + z, gates + z + u, gates + z + 2 * u, r + z + 2 * u, h_prev + s, dh + s},
        {dx + z, dx + z + u, dx + z + 2 * u, dr + z, dr + z + u, dr + z + 2 * u, dh_prev + s}, u,
        [](const std::array<B, 6>& v) {
          const B one(1);
          const B &update = v[0], &reset = v[1], &hh = v[2], &d = v[5];
          const B dcand = d * (one - update) * (one - hh * hh);
          const B dupdate = d * (v[4] - hh) * update * (one - update);
          const B dreset = dcand * v[3] * reset * (one - reset);
          return std::array<B, 7>{dupdate, dreset,        dcand,     dupdate,
                                  dreset,  dcand * reset, d * update};
        });
  });
}

template <class T>
void gru_reset_forward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *x = in<T>(a, 0), *r = in<T>(a, 1), *h = in<T>(a, 2);
  T *gates = out<T>(a, 0), *rh = out<T>(a, 1);
  const Idx u = a.units;
  each_row(a, 3, [&](Idx row) {
    const Idx xz = row * 3 * u, gz = row * 2 * u, s = row * u;
    lanes<T, 5, 3>({x + xz, x + xz + u, r + gz, r + gz + u, h + s},
                   {gates + gz, gates + gz + u, rh + s}, u, [](const std::array<B, 5>& v) {
                     const B reset = sigmoid(v[1] + v[3]);
                     return std::array<B, 3>{sigmoid(v[0] + v[2]), reset, reset * v[4]};
                   });
  });
}

template <class T>
void gru_reset_backward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *gates = in<T>(a, 0), *h = in<T>(a, 1), *dgates = in<T>(a, 2), *drh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dr = out<T>(a, 1), *dh = out<T>(a, 2);
  const Idx u = a.units;
  each_row(a, 3, [&](Idx row) {
    const Idx xz = row * 3 * u, gz = row * 2 * u, s = row * u;
    lanes<T, 6, 6>({gates + gz, gates + gz + u, h + s, dgates + gz, dgates + gz + u, drh + s},
                   {dx + xz, dx + xz + u, dx + xz + 2 * u, dr + gz, dr + gz + u, dh + s}, u,
                   [](const std::array<B, 6>& v) {
                     const B one(1);
                     const B &update = v[0], &reset = v[1];
                     const B dupdate = v[3] * update * (one - update);
                     const B dreset = (v[4] + v[5] * v[2]) * reset * (one - reset);
                     return std::array<B, 6>{dupdate, dreset, B(0), dupdate, dreset, v[5] * reset};
                   });
  });
}

template <class T>
void gru_candidate_forward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *x = in<T>(a, 0), *m = in<T>(a, 1), *gates = in<T>(a, 2), *h_prev = in<T>(a, 3);
  T *hh = out<T>(a, 0), *h = out<T>(a, 1);
  const Idx u = a.units;
  each_row(a, 3, [&](Idx row) {
    const Idx s = row * u;
    lanes<T, 4, 2>({x + row * 3 * u + 2 * u, m + s, gates + row * 2 * u, h_prev + s},
                   {hh + s, h + s}, u, [](const std::array<B, 4>& v) {
                     const B cand = xsimd::tanh(v[0] + v[1]);
                     return std::array<B, 2>{cand, cand + v[2] * (v[3] - cand)};
                   });
  });
}

template <class T>
void gru_candidate_backward(const GateArgs& a) {
  using B = xsimd::batch<T>;
  const T *hh = in<T>(a, 0), *gates = in<T>(a, 1), *h_prev = in<T>(a, 2), *dh = in<T>(a, 3);
  T *dx = out<T>(a, 0), *dm = out<T>(a, 1), *dgates = out<T>(a, 2), *dh_prev = out<T>(a, 3);
  const Idx u = a.units;
  each_row(a, 3, [&](Idx row) {
    const Idx xz = row * 3 * u, gz = row * 2 * u, s = row * u;
    lanes<T, 4, 7>(
        {hh + s, gates + gz, h_prev + s, dh + s},
        {dx + xz, dx + xz + u, dx + xz + 2 * u, dm + s, dgates + gz, dgates + gz + u, dh_prev + s},
        u, [](const std::array<B, 4>& v) {
          const B one(1), zero(0);
          const B &cand = v[0], &update = v[1], &d = v[3];
          const B dcand = d * (one - update) * (one - cand * cand);
          return std::array<B, 7>{zero, zero, dcand, dcand, d * (v[2] - cand), zero, d * update};
        });
  });
}

template <class T>
void forward(const GateArgs& a) {
  switch (a.cell) {
    case GateCell::lstm: return lstm_forward<T>(a);
    case GateCell::gru: return gru_forward<T>(a);
    case GateCell::gru_reset: return gru_reset_forward<T>(a);
    case GateCell::gru_candidate: return gru_candidate_forward<T>(a);
  }
}

template <class T>
void backward(const GateArgs& a) {
  switch (a.cell) {
    case GateCell::lstm: return lstm_backward<T>(a);
    case GateCell::gru: return gru_backward<T>(a);
    case GateCell::gru_reset: return gru_reset_backward<T>(a);
    case GateCell::gru_candidate: return gru_candidate_backward<T>(a);
  }
}

template <class T>
const T* sequence_operand(const Buffer* b) {
  return b ? static_cast<const T*>(b->data()) : nullptr;
}
template <class T>
T* sequence_result(Buffer* b) {
  return static_cast<T*>(b->data());
}

// The sequence loops of SequenceArgs on pointers into the sequence buffers. A row of the batch
// depends on no other row at any step, so each thread runs the whole loop for its own block of
// rows: no synchronisation per step (the products and gates inside run on the calling thread).
// The recurrent products run on the micro-kernels with w packed once per call (batches past
// kPackedRows).
// Rows [b0, b1) of step t start at t * batch * width + b0 * width.
constexpr Idx kSequenceGrain = 8;  // rows per block at least

// A few rows per block (a batch of one, at predict) multiply b in place, as the matmul kernel
// does for them: a packed b would be computed against in tiles of several rows.
constexpr Idx kPackedRows = 8;

// b (k x n) packed for the steps' products, or empty when the blocks are few rows.
template <class T>
std::vector<T> packed_for_steps(const SequenceArgs& a, const T* b, Idx k, Idx n) {
  return a.batch > kPackedRows ? blas_detail::pack_for_products(b, k, n) : std::vector<T>{};
}

// c (rows x n) = a (rows x k) . b, from b's packing when there is one.
template <class T>
void recurrent_product(const T* a, Idx rows, const T* b, const std::vector<T>& packed, Idx k, Idx n,
                       T* c) {
  if (packed.empty()) return blas_detail::matmul_pointers(a, b, c, rows, n, k, false, false);
  blas_detail::multiply_packed(a, rows, packed.data(), k, n, c);
}

template <class T>
void sequence_forward(const SequenceArgs& a) {
  const T *x = sequence_operand<T>(a.in[0]), *w = sequence_operand<T>(a.in[1]),
          *h0 = sequence_operand<T>(a.in[2]), *c0 = sequence_operand<T>(a.in[3]);
  T *gates = sequence_result<T>(a.out[0]), *h = sequence_result<T>(a.out[1]),
    *c = sequence_result<T>(a.out[2]);
  const Idx u = a.units, g = 4 * u, hs = a.batch * u, gs = a.batch * g;
  const std::vector<T> packed_w = packed_for_steps(a, w, u, g);
  threading::parallel_for(a.batch, kSequenceGrain, [&](Idx b0, Idx b1) {
    const Idx rows = b1 - b0, hr = b0 * u, gr = b0 * g;
    const GateArgs step{GateCell::lstm, a.dtype, rows, u, {}, {}};
    std::vector<T> r(static_cast<std::size_t>(rows * g));
    for (Idx t = 0; t < a.steps; ++t) {
      const T* h_prev = t ? h + (t - 1) * hs + hr : h0 + hr;
      const T* c_prev = t ? c + (t - 1) * hs + hr : c0 + hr;
      recurrent_product(h_prev, rows, w, packed_w, u, g, r.data());
      lstm_step_forward<T>(step, x + t * gs + gr, r.data(), c_prev, gates + t * gs + gr,
                           h + t * hs + hr, c + t * hs + hr);
    }
  });
}

template <class T>
void sequence_backward(const SequenceArgs& a) {
  const T *w = sequence_operand<T>(a.in[0]), *h0 = sequence_operand<T>(a.in[1]),
          *c0 = sequence_operand<T>(a.in[2]), *gates = sequence_operand<T>(a.in[3]),
          *h = sequence_operand<T>(a.in[4]), *c = sequence_operand<T>(a.in[5]),
          *dh_seq = sequence_operand<T>(a.in[6]), *dh_last = sequence_operand<T>(a.in[7]),
          *dc_last = sequence_operand<T>(a.in[8]);
  T *dx = sequence_result<T>(a.out[0]), *dw = sequence_result<T>(a.out[1]),
    *dh0 = sequence_result<T>(a.out[2]), *dc0 = sequence_result<T>(a.out[3]);
  const Idx u = a.units, g = 4 * u, hs = a.batch * u, gs = a.batch * g;
  // w^T stored (4u, u), so each step's dx[t] . w^T packs a plain matrix, not a transpose.
  std::vector<T> wt(static_cast<std::size_t>(u * g));
  for (Idx i = 0; i < u; ++i)
    for (Idx j = 0; j < g; ++j) wt[static_cast<std::size_t>(j * u + i)] = w[i * g + j];
  const std::vector<T> packed_wt = packed_for_steps(a, wt.data(), g, u);
  threading::parallel_for(a.batch, kSequenceGrain, [&](Idx b0, Idx b1) {
    const Idx rows = b1 - b0, hr = b0 * u, gr = b0 * g, n = rows * u;
    const GateArgs step{GateCell::lstm, a.dtype, rows, u, {}, {}};
    // dh, dc: the gradients reaching step t's h and c from later steps (and from the last
    // outputs); dh_seq's share of step t is added before its gates.
    std::vector<T> dh(static_cast<std::size_t>(n), T(0)), dc(dh), dc_prev(dh);
    if (dh_last) std::copy_n(dh_last + hr, n, dh.begin());
    if (dc_last) std::copy_n(dc_last + hr, n, dc.begin());
    for (Idx t = a.steps - 1; t >= 0; --t) {
      if (dh_seq)
        for (Idx k = 0; k < n; ++k) dh[static_cast<std::size_t>(k)] += dh_seq[t * hs + hr + k];
      const T* c_prev = t ? c + (t - 1) * hs + hr : c0 + hr;
      T* dz = dx + t * gs + gr;
      lstm_step_backward<T>(step, gates + t * gs + gr, c_prev, c + t * hs + hr, dh.data(),
                            dc.data(), dz, dc_prev.data());
      recurrent_product(dz, rows, wt.data(), packed_wt, g, u, dh.data());
      dc.swap(dc_prev);
    }
    std::copy_n(dh.begin(), n, dh0 + hr);
    std::copy_n(dc.begin(), n, dc0 + hr);
  });
  // dw = the sum over steps of h[t-1]^T dx[t]: h0's step, then one product over the rows of
  // every later step (h[0 .. steps-2] and dx[1 ..] are contiguous and aligned row for row).
  blas_detail::matmul_pointers<T>(h0, dx, dw, u, g, a.batch, true, false);
  if (a.steps == 1) return;
  std::vector<T> rest(static_cast<std::size_t>(u * g));
  blas_detail::matmul_pointers<T>(h, dx + gs, rest.data(), u, g, (a.steps - 1) * a.batch, true,
                                  false);
  for (Idx k = 0; k < u * g; ++k) dw[k] += rest[static_cast<std::size_t>(k)];
}

}  // namespace

void BlasBackend::lstm_sequence_forward(const SequenceArgs& args) {
  if (args.dtype == DType::float32) return sequence_forward<float>(args);
  if (args.dtype == DType::float64) return sequence_forward<double>(args);
  ReferenceBackend::lstm_sequence_forward(args);
}

void BlasBackend::lstm_sequence_backward(const SequenceArgs& args) {
  if (args.dtype == DType::float32) return sequence_backward<float>(args);
  if (args.dtype == DType::float64) return sequence_backward<double>(args);
  ReferenceBackend::lstm_sequence_backward(args);
}

void BlasBackend::gates_forward(const GateArgs& args) {
  if (args.dtype == DType::float32) return forward<float>(args);
  if (args.dtype == DType::float64) return forward<double>(args);
  ReferenceBackend::gates_forward(args);
}

void BlasBackend::gates_backward(const GateArgs& args) {
  if (args.dtype == DType::float32) return backward<float>(args);
  if (args.dtype == DType::float64) return backward<double>(args);
  ReferenceBackend::gates_backward(args);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
