#include "src/optimizers/fused_updates.hpp"

#include <atomic>
#include <cmath>
#include <cstring>
#include <optional>
#include <tuple>

#include "keras/backends/backend.hpp"
#include "keras/core/ops.hpp"
#include "src/backends/threading.hpp"

namespace keras::optimizers::detail {

namespace {

template <class T>
inline T larger(T a, T b) {
  return a < b ? b : a;
}

std::atomic<bool> enabled{true};

// Separate function so `__restrict` tells the vectorizer the six arrays are distinct (too many
// pairs for its run-time overlap checks otherwise).
template <class T>
void centered_moments(std::int64_t n, const T* __restrict g, const T* __restrict v,
                      const T* __restrict a, T rho, T c, T eps, T* __restrict vo, T* __restrict ao,
                      T* __restrict d) {
  for (std::int64_t i = 0; i < n; ++i) {
    const T vi = v[i] * rho + (g[i] * g[i]) * c;
    const T ai = a[i] * rho + g[i] * c;
    vo[i] = vi;
    ao[i] = ai;
    d[i] = (vi - ai * ai) + eps;
  }
}

// Elements per chunk of a parallel update (memory-bound: a few per thread's cache).
constexpr std::int64_t kUpdateGrain = 16384;

// One chunk of Adam's update, in place: Keras's formula, m and v (and amsgrad's running
// maximum) updated, then w -= m * alpha / (sqrt(v) + epsilon). The square root vectorizes
// because this file is compiled with -fno-math-errno (see CMakeLists.txt).
template <class T, bool kAmsgrad>
[[gnu::always_inline]] inline void adam_range(std::int64_t b, std::int64_t e, const T* __restrict g,
                                              T* __restrict w, T* __restrict m, T* __restrict v,
                                              T* __restrict h, T c1, T c2, T alpha, T eps) {
  for (std::int64_t i = b; i < e; ++i) {
    const T mi = m[i] + (g[i] - m[i]) * c1;
    const T vi = v[i] + (g[i] * g[i] - v[i]) * c2;
    m[i] = mi;
    v[i] = vi;
    T denominator = vi;
    if constexpr (kAmsgrad) {
      denominator = larger(h[i], vi);
      h[i] = denominator;
    }
    w[i] = w[i] - (mi * alpha) / (std::sqrt(denominator) + eps);
  }
}

// Adam's loop is the hottest outside the blas kernels (a tenth of an MLP's training step):
// compiled for AVX-512 and AVX2 besides the baseline x86-64 the library is built for, the
// loader picking the CPU's best (target_clones), as the blas kernels are picked at run time.
#if defined(__x86_64__)
#define KERAS_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define KERAS_VECTOR_CLONES
#endif
KERAS_VECTOR_CLONES void adam_chunk(std::int64_t b, std::int64_t e, const float* g, float* w,
                                    float* m, float* v, float* h, float c1, float c2, float alpha,
                                    float eps) {
  if (h) adam_range<float, true>(b, e, g, w, m, v, h, c1, c2, alpha, eps);
  else adam_range<float, false>(b, e, g, w, m, v, h, c1, c2, alpha, eps);
}
KERAS_VECTOR_CLONES void adam_chunk(std::int64_t b, std::int64_t e, const double* g, double* w,
                                    double* m, double* v, double* h, double c1, double c2,
                                    double alpha, double eps) {
  if (h) adam_range<double, true>(b, e, g, w, m, v, h, c1, c2, alpha, eps);
  else adam_range<double, false>(b, e, g, w, m, v, h, c1, c2, alpha, eps);
}

// The loops run in place on host memory: a backend whose buffers are not host memory (a
// device, or the strict test backend) takes the ops formulation instead, as do operands that
// live elsewhere.
bool host_operands(const Tensor& grad, const Variable& var) {
  return backend::current().capabilities().host_memory && grad.buffer()->is_host() &&
         var.value().buffer()->is_host();
}

bool applicable(const Tensor& grad, const Variable& var) {
  return enabled.load(std::memory_order_relaxed) && host_operands(grad, var) &&
         (var.dtype() == DType::float32 || var.dtype() == DType::float64) &&
         grad.dtype() == var.dtype() && grad.shape() == var.shape();
}

// The storage an in-place update may overwrite: the variable's own when nothing but the
// variable refers to it (fit drops the step's graph before the update, so this is the usual
// case), otherwise a copy, assigned to the variable by commit(). Writing over the variable's
// own storage saves a fresh buffer per variable per step.
template <class T>
struct Writable {
  Variable* var;
  Tensor value;
  bool copied;
  T* data() { return static_cast<T*>(mutable_data(value)); }
  void commit() {
    if (copied) var->assign(value);
  }
};

template <class T>
Writable<T> writable(Variable& var, const Tensor& grad) {
  Tensor value = var.value();
  // 2: the variable's reference and `value`.
  if (value.impl_ptr().use_count() == 2 && value.buffer().use_count() == 1 &&
      value.buffer() != grad.buffer())
    return {&var, value, false};
  Tensor copy = empty(value.shape(), value.dtype());
  std::memcpy(mutable_data(copy), value.raw_data(), value.nbytes());
  return {&var, copy, true};
}

// A new tensor like `like` and its writable elements.
template <class T>
std::pair<Tensor, T*> fresh(const Variable& like) {
  Tensor t = empty(like.shape(), like.dtype());
  return {t, static_cast<T*>(mutable_data(t))};
}

template <class T>
const T* read(const Tensor& t) {
  return static_cast<const T*>(t.raw_data());
}

template <class F>
bool dispatch(DType dtype, F&& f) {
  if (dtype == DType::float32) f.template operator()<float>();
  else f.template operator()<double>();
  return true;
}

}  // namespace

bool fused_updates_enabled() { return enabled.load(); }
void set_fused_updates_enabled(bool on) { enabled.store(on); }

bool fused_weight_decay(Variable& var, double decay_) {
  Tensor w_in = var.value();
  if (!applicable(w_in, var)) return false;
  return dispatch(var.dtype(), [&]<class T>() {
    const std::int64_t n = var.shape().size();
    const T decay = static_cast<T>(decay_);
    const T* w = read<T>(w_in);
    auto [w_out, wo] = fresh<T>(var);
    for (std::int64_t i = 0; i < n; ++i) wo[i] = w[i] - w[i] * decay;
    var.assign(w_out);
  });
}

bool fused_sgd(const Tensor& grad, Variable& var, Variable* momentum_slot, double lr_,
               double momentum_, bool nesterov) {
  if (!applicable(grad, var)) return false;
  return dispatch(var.dtype(), [&]<class T>() {
    const std::int64_t n = var.shape().size();
    const T lr = static_cast<T>(lr_), mom = static_cast<T>(momentum_);
    const T* g = read<T>(grad);
    Tensor w_in = var.value();
    const T* w = read<T>(w_in);
    auto [w_out, wo] = fresh<T>(var);
    if (!momentum_slot) {
      for (std::int64_t i = 0; i < n; ++i) wo[i] = w[i] - g[i] * lr;
    } else {
      Tensor m_in = momentum_slot->value();
      const T* m = read<T>(m_in);
      auto [m_out, mo] = fresh<T>(*momentum_slot);
      for (std::int64_t i = 0; i < n; ++i) {
        const T step = g[i] * lr;
        const T velocity = m[i] * mom - step;
        mo[i] = velocity;
        wo[i] = w[i] + (nesterov ? velocity * mom - step : velocity);
      }
      momentum_slot->assign(m_out);
    }
    var.assign(w_out);
  });
}

bool fused_adam(const Tensor& grad, Variable& var, Variable& m_slot, Variable& v_slot,
                Variable* v_hat_slot, double c1_, double c2_, double alpha_, double epsilon_) {
  if (!applicable(grad, var)) return false;
  return dispatch(var.dtype(), [&]<class T>() {
    const std::int64_t n = var.shape().size();
    const T c1 = static_cast<T>(c1_), c2 = static_cast<T>(c2_);
    const T alpha = static_cast<T>(alpha_), eps = static_cast<T>(epsilon_);
    auto w = writable<T>(var, grad), m = writable<T>(m_slot, grad), v = writable<T>(v_slot, grad);
    std::optional<Writable<T>> h;
    if (v_hat_slot) h = writable<T>(*v_hat_slot, grad);
    const T* g = read<T>(grad);
    T *wp = w.data(), *mp = m.data(), *vp = v.data(), *hp = h ? h->data() : nullptr;
    backend::threading::parallel_for_balanced(n, kUpdateGrain, [&](std::int64_t b, std::int64_t e) {
      adam_chunk(b, e, g, wp, mp, vp, hp, c1, c2, alpha, eps);
    });
    m.commit();
    v.commit();
    if (h) h->commit();
    w.commit();
  });
}

bool fused_rmsprop(const Tensor& grad, Variable& var, Variable& v_slot, Variable* m_slot,
                   Variable* a_slot, double lr_, double rho_, double one_minus_rho_,
                   double momentum_, double epsilon_) {
  if (!applicable(grad, var)) return false;
  return dispatch(var.dtype(), [&]<class T>() {
    const std::int64_t n = var.shape().size();
    const T lr = static_cast<T>(lr_), rho = static_cast<T>(rho_);
    const T c = static_cast<T>(one_minus_rho_), mom = static_cast<T>(momentum_);
    const T eps = static_cast<T>(epsilon_);
    Tensor w_in = var.value(), v_in = v_slot.value();
    Tensor m_in = m_slot ? m_slot->value() : Tensor(), a_in = a_slot ? a_slot->value() : Tensor();
    const T *g = read<T>(grad), *w = read<T>(w_in), *v = read<T>(v_in);
    const T* m = m_slot ? read<T>(m_in) : nullptr;
    const T* a = a_slot ? read<T>(a_in) : nullptr;
    auto [v_out, vo] = fresh<T>(v_slot);
    auto [denominator, d] = fresh<T>(var);
    Tensor a_out;
    if (a) {
      auto [average_out, ao] = fresh<T>(*a_slot);
      a_out = average_out;
      centered_moments(n, g, v, a, rho, c, eps, vo, ao, d);
    } else {
      for (std::int64_t i = 0; i < n; ++i) {
        const T vi = v[i] * rho + (g[i] * g[i]) * c;
        vo[i] = vi;
        d[i] = vi + eps;
      }
    }
    // See fused_adam: the square root runs through the backend's vectorized kernel.
    Tensor root = ops::sqrt(denominator);
    const T* r = read<T>(root);
    auto [w_out, wo] = fresh<T>(var);
    if (m) {
      auto [m_out, mo] = fresh<T>(*m_slot);
      for (std::int64_t i = 0; i < n; ++i) {
        const T mi = m[i] * mom + (g[i] * lr) / r[i];
        mo[i] = mi;
        wo[i] = w[i] - mi;
      }
      m_slot->assign(m_out);
    } else {
      for (std::int64_t i = 0; i < n; ++i) wo[i] = w[i] - (g[i] * lr) / r[i];
    }
    v_slot.assign(v_out);
    if (a_slot) a_slot->assign(a_out);
    var.assign(w_out);
  });
}

}  // namespace keras::optimizers::detail
