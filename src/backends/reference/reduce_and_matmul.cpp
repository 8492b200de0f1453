#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include "keras/core/errors.hpp"
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {

void ReferenceBackend::reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                              std::int64_t reduced, std::int64_t inner, DType dtype) {
  dispatch_dtype(dtype, [&]<class T>() {
    using Acc = std::conditional_t<std::is_floating_point_v<T>, double,
                                   std::conditional_t<std::is_same_v<T, bool>, bool, std::int64_t>>;
    const T* x = static_cast<const T*>(in.data());
    T* y = static_cast<T*>(out.data());
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t i = 0; i < inner; ++i) {
        const T* p = x + o * reduced * inner + i;
        Acc acc{};
        switch (op) {
          case ReduceOp::sum: acc = Acc(0); break;
          case ReduceOp::prod: acc = Acc(1); break;
          case ReduceOp::any: acc = Acc(0); break;
          case ReduceOp::all: acc = Acc(1); break;
          case ReduceOp::max:
            acc = reduced ? Acc(p[0]) : Acc(std::numeric_limits<T>::lowest());
            break;
          case ReduceOp::min: acc = reduced ? Acc(p[0]) : Acc(std::numeric_limits<T>::max()); break;
        }
        bool nan = false;
        for (std::int64_t r = 0; r < reduced; ++r) {
          Acc v = static_cast<Acc>(p[r * inner]);
          if constexpr (std::is_floating_point_v<T>)
            nan = nan || std::isnan(static_cast<double>(v));
          switch (op) {
            case ReduceOp::sum: acc = static_cast<Acc>(acc + v); break;
            case ReduceOp::prod: acc = static_cast<Acc>(acc * v); break;
            case ReduceOp::max: acc = v > acc ? v : acc; break;
            case ReduceOp::min: acc = v < acc ? v : acc; break;
            case ReduceOp::any: acc = static_cast<Acc>(acc || v != Acc(0)); break;
            case ReduceOp::all: acc = static_cast<Acc>(acc && v != Acc(0)); break;
          }
        }
        if constexpr (std::is_floating_point_v<T>)
          if (nan && (op == ReduceOp::max || op == ReduceOp::min)) acc = NAN;
        y[o * inner + i] = static_cast<T>(acc);
      }
  });
}

void ReferenceBackend::arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                                  std::int64_t reduced, std::int64_t inner, DType dtype) {
  dispatch_dtype(dtype, [&]<class T>() {
    const T* x = static_cast<const T*>(in.data());
    auto* y = static_cast<std::int64_t*>(out.data());
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t i = 0; i < inner; ++i) {
        const T* p = x + o * reduced * inner + i;
        std::int64_t best = 0;
        for (std::int64_t r = 1; r < reduced; ++r) {
          T v = p[r * inner], b = p[best * inner];
          if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(b)) break;  // the first NaN wins, as in NumPy
            if (std::isnan(v)) {
              best = r;
              break;
            }
          }
          if (op == ArgReduceOp::argmax ? v > b : v < b) best = r;
        }
        y[o * inner + i] = best;
      }
  });
}

void ReferenceBackend::matmul(const MatmulArgs& m) {
  dispatch_dtype(m.dtype, [&]<class T>() {
    using Acc = std::conditional_t<std::is_floating_point_v<T>, double, std::int64_t>;
    const T* a = static_cast<const T*>(m.a->data());
    const T* b = static_cast<const T*>(m.b->data());
    T* c = static_cast<T*>(m.out->data());
    for (std::int64_t bi = 0; bi < m.batch; ++bi) {
      const T* A = a + bi * m.a_batch_stride;
      const T* B = b + bi * m.b_batch_stride;
      T* C = c + bi * m.m * m.n;
      for (std::int64_t i = 0; i < m.m; ++i)
        for (std::int64_t j = 0; j < m.n; ++j) {
          Acc acc = 0;
          for (std::int64_t k = 0; k < m.k; ++k) {
            Acc av = static_cast<Acc>(m.transpose_a ? A[k * m.m + i] : A[i * m.k + k]);
            Acc bv = static_cast<Acc>(m.transpose_b ? B[j * m.k + k] : B[k * m.n + j]);
            acc += av * bv;
          }
          C[i * m.n + j] = static_cast<T>(acc);
        }
    }
  });
}

// In double throughout, rounded once at the end.
void ReferenceBackend::softmax(const Buffer& in, Buffer& out, std::int64_t outer,
                               std::int64_t axis_len, std::int64_t inner, DType dtype, bool log) {
  auto run = [&]<class T>() {
    const T* x = static_cast<const T*>(in.data());
    T* y = static_cast<T*>(out.data());
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t i = 0; i < inner; ++i) {
        const T* p = x + o * axis_len * inner + i;
        T* q = y + o * axis_len * inner + i;
        double m = -std::numeric_limits<double>::infinity();
        bool nan = false;
        for (std::int64_t k = 0; k < axis_len; ++k) {
          const double v = static_cast<double>(p[k * inner]);
          nan = nan || std::isnan(v);
          m = v > m ? v : m;
        }
        if (nan) m = std::numeric_limits<double>::quiet_NaN();
        double s = 0;
        for (std::int64_t k = 0; k < axis_len; ++k)
          s += std::exp(static_cast<double>(p[k * inner]) - m);
        for (std::int64_t k = 0; k < axis_len; ++k) {
          const double d = static_cast<double>(p[k * inner]) - m;
          q[k * inner] = static_cast<T>(log ? d - std::log(s) : std::exp(d) / s);
        }
      }
  };
  dispatch_float(dtype, "softmax kernel: expected", run);
}

}  // namespace keras::backend
