// Orthogonal initializer: Householder QR of a normal matrix, on the host in double precision.
// Weight matrices are small enough (a (2048, 512) LSTM recurrent kernel is ~1e9 flops) that a
// plain column-major loop is fine, and it keeps LAPACK out of the library.
#include <algorithm>
#include <cmath>
#include <vector>

#include "keras/core/ops/creation.hpp"
#include "keras/core/ops/math.hpp"
#include "keras/core/random.hpp"
#include "keras/initializers/random_initializers.hpp"

namespace keras::initializers {

namespace {

// Reduced QR of the m x n (m >= n) column-major matrix `a`: returns Q (m x n, column-major)
// with each column multiplied by the sign of R's diagonal entry, i.e. the unique Q whose R has
// a non-negative diagonal (Keras's "make Q uniform" step). A zero diagonal entry (a rank-
// deficient draw, probability zero) keeps its Householder column as is, so Q stays orthogonal.
std::vector<double> sign_corrected_q(std::vector<double> a, std::int64_t m, std::int64_t n) {
  const auto col = [m](std::int64_t j) { return static_cast<std::size_t>(j * m); };
  std::vector<std::vector<double>> reflectors(static_cast<std::size_t>(n));
  std::vector<double> r_diag(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k) {
    double* x = &a[col(k) + static_cast<std::size_t>(k)];
    const std::int64_t len = m - k;
    double norm2 = 0;
    for (std::int64_t i = 0; i < len; ++i) norm2 += x[i] * x[i];
    const double norm = std::sqrt(norm2);
    // alpha takes the sign opposite to x[0], so v = x - alpha e1 does not cancel.
    const double alpha = x[0] >= 0 ? -norm : norm;
    std::vector<double>& v = reflectors[static_cast<std::size_t>(k)];
    v.assign(x, x + len);
    v[0] -= alpha;
    double v2 = 0;
    for (double e : v) v2 += e * e;
    r_diag[static_cast<std::size_t>(k)] = alpha;
    if (v2 == 0) {  // x is already alpha e1 (only when x is zero): H = I
      v.clear();
      continue;
    }
    for (std::int64_t j = k; j < n; ++j) {
      double* y = &a[col(j) + static_cast<std::size_t>(k)];
      double dot = 0;
      for (std::int64_t i = 0; i < len; ++i) dot += v[static_cast<std::size_t>(i)] * y[i];
      const double f = 2 * dot / v2;
      for (std::int64_t i = 0; i < len; ++i) y[i] -= f * v[static_cast<std::size_t>(i)];
    }
    // Store 2 / |v|^2 in place of recomputing it when Q is accumulated.
    v.push_back(2 / v2);
  }
  // Q = H_0 H_1 ... H_{n-1} I[:, :n], applied right to left.
  std::vector<double> q(static_cast<std::size_t>(m * n), 0.0);
  for (std::int64_t j = 0; j < n; ++j) q[col(j) + static_cast<std::size_t>(j)] = 1.0;
  for (std::int64_t k = n - 1; k >= 0; --k) {
    const std::vector<double>& v = reflectors[static_cast<std::size_t>(k)];
    if (v.empty()) continue;
    const std::int64_t len = m - k;
    const double scale = v.back();
    for (std::int64_t j = 0; j < n; ++j) {
      double* y = &q[col(j) + static_cast<std::size_t>(k)];
      double dot = 0;
      for (std::int64_t i = 0; i < len; ++i) dot += v[static_cast<std::size_t>(i)] * y[i];
      const double f = scale * dot;
      for (std::int64_t i = 0; i < len; ++i) y[i] -= f * v[static_cast<std::size_t>(i)];
    }
  }
  for (std::int64_t j = 0; j < n; ++j) {
    if (r_diag[static_cast<std::size_t>(j)] >= 0) continue;
    for (std::int64_t i = 0; i < m; ++i) q[col(j) + static_cast<std::size_t>(i)] *= -1;
  }
  return q;
}

}  // namespace

Orthogonal::Orthogonal(OrthogonalOptions o) : RandomInitializer(o.seed), gain_(o.gain) {}

Tensor Orthogonal::operator()(const Shape& shape, DType dtype) const {
  if (shape.rank() < 2)
    throw ValueError("The tensor to initialize must be at least two-dimensional. Received: shape=" +
                     shape.to_string() + " of rank " + std::to_string(shape.rank()) + ".");
  std::int64_t rows = 1;
  for (int i = 0; i < shape.rank() - 1; ++i) rows *= shape[i];
  const std::int64_t cols = shape[shape.rank() - 1];
  const std::int64_t m = std::max(rows, cols), n = std::min(rows, cols);
  // Drawn in the requested dtype, as Keras does, so a seed gives the same matrix as
  // random::normal with that seed and dtype.
  const std::vector<double> drawn =
      random::normal({m, n}, 0.0, 1.0, dtype, draw_seed()).to_vector<double>();
  std::vector<double> a(drawn.size());
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      a[static_cast<std::size_t>(j * m + i)] = drawn[static_cast<std::size_t>(i * n + j)];
  const std::vector<double> q = sign_corrected_q(std::move(a), m, n);
  // Row-major (rows, cols): Q itself when rows >= cols, else Q transposed.
  std::vector<double> out(static_cast<std::size_t>(rows * cols));
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j) {
      const std::int64_t qi = rows >= cols ? i : j, qj = rows >= cols ? j : i;
      out[static_cast<std::size_t>(i * cols + j)] =
          gain_ * q[static_cast<std::size_t>(qj * m + qi)];
    }
  return ops::cast(tensor(out, shape), dtype);
}

ConfigValue Orthogonal::get_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["gain"] = gain_;
  return c;
}

}  // namespace keras::initializers
