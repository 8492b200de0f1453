// Initializers: fans, constant values, distribution statistics against the Keras formulas on a
// large draw, seeds, and the orthogonal initializer's QR.
#include <algorithm>
#include <cmath>

#include <keras/initializers/initializers.hpp>

#include "test_util.hpp"

using namespace keras;
namespace ki = keras::initializers;

namespace {

struct Stats {
  double mean, stddev, min, max;
  std::int64_t n;
};
Stats stats(const Tensor& t) {
  const auto v = t.to_vector<double>();
  double sum = 0, sq = 0;
  for (double x : v) sum += x;
  const double mean = sum / static_cast<double>(v.size());
  for (double x : v) sq += (x - mean) * (x - mean);
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return {mean, std::sqrt(sq / static_cast<double>(v.size())), *lo, *hi,
          static_cast<std::int64_t>(v.size())};
}

// Mean within 5 standard errors, stddev within 1.5 % (n = 401408 gives a standard error of
// the stddev of about 0.1 %), every value inside [lo, hi] up to float32 rounding (a bound
// itself rounds to the nearest float, which may lie just outside it).
void check_distribution(const Tensor& t, double mean, double stddev, double lo, double hi) {
  const Stats s = stats(t);
  INFO("mean " << s.mean << " stddev " << s.stddev << " min " << s.min << " max " << s.max);
  CHECK(std::fabs(s.mean - mean) < 5 * stddev / std::sqrt(static_cast<double>(s.n)));
  CHECK(std::fabs(s.stddev - stddev) < 0.015 * stddev);
  CHECK(s.min >= std::nextafter(static_cast<float>(lo), -HUGE_VALF));
  CHECK(s.max <= std::nextafter(static_cast<float>(hi), HUGE_VALF));
}

// Uniform in [-limit, limit): stddev limit / sqrt(3), and the draw reaches near both ends.
void check_uniform(const Tensor& t, double limit) {
  check_distribution(t, 0.0, limit / std::sqrt(3.0), -limit, limit);
  const Stats s = stats(t);
  CHECK(s.max > 0.999 * limit);
  CHECK(s.min < -0.999 * limit);
}

// Normal truncated at 2 stddev of the *untruncated* distribution, whose stddev is
// `truncated_stddev` / 0.8796 (VarianceScaling's correction makes the kept values' stddev the
// target).
void check_truncated(const Tensor& t, double truncated_stddev) {
  const double sigma = truncated_stddev / 0.87962566103423978;
  check_distribution(t, 0.0, truncated_stddev, -2 * sigma, 2 * sigma);
  CHECK(stats(t).max > 1.99 * sigma);  // really truncated at 2 sigma, not narrower
}

const Shape kDense{784, 512};  // fan_in 784, fan_out 512

}  // namespace

TEST_CASE("compute_fans for rank 0, 1, 2, 4 and explicit axes", "[initializers]") {
  CHECK(ki::compute_fans(Shape{}) == std::pair<std::int64_t, std::int64_t>{1, 1});
  CHECK(ki::compute_fans(Shape{7}) == std::pair<std::int64_t, std::int64_t>{7, 7});
  CHECK(ki::compute_fans(kDense) == std::pair<std::int64_t, std::int64_t>{784, 512});
  // Conv2D kernel (3, 3, 16, 32): receptive field 9.
  CHECK(ki::compute_fans(Shape{3, 3, 16, 32}) == std::pair<std::int64_t, std::int64_t>{144, 288});
  CHECK(ki::compute_fans(Shape{2, 3, 4}, std::vector<int>{0, 1}, std::vector<int>{-1}) ==
        std::pair<std::int64_t, std::int64_t>{6, 4});
  // One list alone is ignored, as in Keras.
  CHECK(ki::compute_fans(Shape{2, 3, 4}, std::vector<int>{0}) ==
        std::pair<std::int64_t, std::int64_t>{6, 8});
}

TEST_CASE("Zeros, Ones, Constant: values, shape and dtype (floatx by default)", "[initializers]") {
  Tensor z = ki::Zeros()({2, 3});
  CHECK(z.dtype() == DType::float32);
  testing::require_values(z, {0, 0, 0, 0, 0, 0}, {2, 3});
  Tensor o = ki::Ones()({3}, DType::float64);
  CHECK(o.dtype() == DType::float64);
  testing::require_values(o, {1, 1, 1}, {3});
  testing::require_values(ki::Constant(2.5)({2, 2}), {2.5, 2.5, 2.5, 2.5}, {2, 2});
  CHECK(ki::Ones()({2}, DType::int32).dtype() == DType::int32);

  config::set_floatx("float64");
  const DType d = ki::Zeros()({1}).dtype();
  const DType r = ki::GlorotUniform()({4, 4}).dtype();
  config::set_floatx("float32");
  CHECK(d == DType::float64);
  CHECK(r == DType::float64);
}

TEST_CASE("Identity: gain * eye for rank 2, ValueError otherwise", "[initializers]") {
  testing::require_values(ki::Identity(2.0)({2, 3}), {2, 0, 0, 0, 2, 0}, {2, 3});
  testing::require_values(ki::Identity()({3, 2}), {1, 0, 0, 1, 0, 0}, {3, 2});
  try {
    ki::Identity()({2, 3, 4});
    FAIL("expected ValueError");
  } catch (const ValueError& e) {
    CHECK(std::string(e.what()) ==
          "Identity matrix initializer can only be used for 2D matrices. Received: "
          "shape=(2, 3, 4) of rank 3.");
  }
}

TEST_CASE("RandomUniform, RandomNormal, TruncatedNormal: statistics of a large draw",
          "[initializers]") {
  Tensor u = ki::RandomUniform()(kDense);
  CHECK(u.shape() == kDense);
  CHECK(u.dtype() == DType::float32);
  check_uniform(u, 0.05);
  check_distribution(ki::RandomUniform({.minval = 1.0, .maxval = 3.0})(kDense, DType::float64), 2.0,
                     2.0 / std::sqrt(12.0), 1.0, 3.0);

  check_distribution(ki::RandomNormal()(kDense), 0.0, 0.05, -1, 1);
  check_distribution(ki::RandomNormal({.mean = 1.0, .stddev = 2.0})(kDense, DType::float64), 1.0,
                     2.0, -20, 20);

  // Truncation at 2 stddev leaves a stddev of 0.8796 * stddev.
  Tensor t = ki::TruncatedNormal()(kDense);
  check_distribution(t, 0.0, 0.05 * 0.87962566103423978, -0.1, 0.1);
  check_distribution(ki::TruncatedNormal({.mean = 3.0, .stddev = 0.5})(kDense), 3.0,
                     0.5 * 0.87962566103423978, 2.0, 4.0);
}

TEST_CASE("VarianceScaling presets follow the Keras formulas on (784, 512)", "[initializers]") {
  const double fan_in = 784, fan_out = 512, fan_avg = (fan_in + fan_out) / 2;
  SECTION("GlorotUniform: limit sqrt(6 / (fan_in + fan_out))") {
    check_uniform(ki::GlorotUniform()(kDense), std::sqrt(6.0 / (fan_in + fan_out)));
  }
  SECTION("GlorotNormal: stddev sqrt(2 / (fan_in + fan_out))") {
    check_truncated(ki::GlorotNormal()(kDense), std::sqrt(2.0 / (fan_in + fan_out)));
  }
  SECTION("HeUniform: limit sqrt(6 / fan_in)") {
    check_uniform(ki::HeUniform()(kDense), std::sqrt(6.0 / fan_in));
  }
  SECTION("HeNormal: stddev sqrt(2 / fan_in)") {
    check_truncated(ki::HeNormal()(kDense), std::sqrt(2.0 / fan_in));
  }
  SECTION("LecunUniform: limit sqrt(3 / fan_in)") {
    check_uniform(ki::LecunUniform()(kDense), std::sqrt(3.0 / fan_in));
  }
  SECTION("LecunNormal: stddev sqrt(1 / fan_in)") {
    check_truncated(ki::LecunNormal()(kDense), std::sqrt(1.0 / fan_in));
  }
  SECTION("VarianceScaling modes and distributions") {
    check_truncated(ki::VarianceScaling()(kDense), std::sqrt(1.0 / fan_in));
    Tensor n = ki::VarianceScaling(
        {.scale = 2.0, .mode = "fan_out", .distribution = "untruncated_normal"})(kDense);
    check_distribution(n, 0.0, std::sqrt(2.0 / fan_out), -1, 1);
    CHECK(stats(n).max > 3 * std::sqrt(2.0 / fan_out));  // not truncated
    check_uniform(ki::VarianceScaling({.scale = 0.5, .mode = "fan_avg", .distribution = "uniform"})(
                      kDense, DType::float64),
                  std::sqrt(3.0 * 0.5 / fan_avg));
  }
  SECTION("conv kernel fans include the receptive field") {
    // (3, 3, 64, 128): fan_in 576.
    check_truncated(ki::HeNormal()({3, 3, 64, 128}), std::sqrt(2.0 / 576));
  }
  SECTION("explicit input/output axes") {
    // (16, 4, 2048): fan_in from axis 0 is 16, where the receptive-field rule gives 64.
    check_uniform(ki::LecunUniform({.input_axes = std::vector<int>{0},
                                    .output_axes = std::vector<int>{2}})({16, 4, 2048}),
                  std::sqrt(3.0 / 16));
  }
}

TEST_CASE("VarianceScaling validates its arguments with Keras's messages", "[initializers]") {
  CHECK_THROWS_WITH(ki::VarianceScaling({.scale = -1.0}),
                    "Argument `scale` must be positive float. Received: scale=-1");
  CHECK_THROWS_AS(ki::VarianceScaling({.mode = "fan_sum"}), ValueError);
  CHECK_THROWS_WITH(
      ki::VarianceScaling({.mode = "fan_sum"}),
      Catch::Contains("Invalid `mode` argument: fan_sum") && Catch::Contains("'fan_avg'"));
  CHECK_THROWS_WITH(ki::VarianceScaling({.distribution = "gamma"}),
                    Catch::Contains("Invalid `distribution` argument: gamma"));
  // "normal" is the old name of "truncated_normal"; case does not matter.
  CHECK(ki::VarianceScaling({.distribution = "normal"}).distribution() == "truncated_normal");
  CHECK(ki::VarianceScaling({.distribution = "Uniform"}).distribution() == "uniform");
}

TEST_CASE("Seeds: an int seed or none repeats per call; instances differ unless seeded alike",
          "[initializers]") {
  const auto same = [](const Tensor& a, const Tensor& b) {
    return a.to_vector<float>() == b.to_vector<float>();
  };
  ki::GlorotUniform seeded({.seed = 42});
  CHECK(same(seeded({8, 8}), seeded({8, 8})));
  CHECK(same(seeded({8, 8}), ki::GlorotUniform({.seed = 42})({8, 8})));
  CHECK_FALSE(same(seeded({8, 8}), ki::GlorotUniform({.seed = 43})({8, 8})));
  CHECK(same(ki::RandomNormal({.seed = 7})({5}), ki::RandomNormal({.seed = 7})({5})));
  CHECK(same(ki::Orthogonal({.seed = 7})({4, 4}), ki::Orthogonal({.seed = 7})({4, 4})));

  // Keras 3 gives an unseeded initializer one integer seed when it is made.
  ki::HeNormal unseeded;
  CHECK(same(unseeded({8, 8}), unseeded({8, 8})));
  CHECK_FALSE(same(unseeded({8, 8}), ki::HeNormal()({8, 8})));
  CHECK(unseeded.get_config().at("seed").is_null());
  CHECK(seeded.get_config().at("seed") == ConfigValue(42));
}

TEST_CASE("Random initializers reject integer dtypes", "[initializers]") {
  CHECK_THROWS_AS(ki::GlorotUniform()({2, 2}, DType::int32), ValueError);
  CHECK_THROWS_AS(ki::Orthogonal()({2, 2}, DType::int64), ValueError);
}

namespace {

// max |M - scale * I| for M = X^T X (columns) or X X^T (rows).
double gram_error(const Tensor& x, bool columns, double scale) {
  Tensor g = columns ? ops::matmul(ops::transpose(x), x) : ops::matmul(x, ops::transpose(x));
  const auto v = g.to_vector<double>();
  const auto n = g.shape()[0];
  double err = 0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      err =
          std::max(err, std::fabs(v[static_cast<std::size_t>(i * n + j)] - (i == j ? scale : 0.0)));
  return err;
}

}  // namespace

TEST_CASE("Orthogonal: orthonormal columns (tall, square) or rows (wide), gain", "[initializers]") {
  Tensor square = ki::Orthogonal()({64, 64});
  CHECK(square.dtype() == DType::float32);
  CHECK(gram_error(square, true, 1.0) < 1e-5);
  CHECK(gram_error(square, false, 1.0) < 1e-5);
  CHECK(gram_error(ki::Orthogonal()({100, 30}), true, 1.0) < 1e-5);
  CHECK(gram_error(ki::Orthogonal()({30, 100}), false, 1.0) < 1e-5);
  // Rank 3 flattens to (prod(shape[:-1]), shape[-1]) = (20, 20).
  Tensor conv = ki::Orthogonal()({4, 5, 20});
  CHECK(conv.shape() == Shape{4, 5, 20});
  CHECK(gram_error(ops::reshape(conv, {20, 20}), true, 1.0) < 1e-5);
  // gain 2: Q^T Q = 4 I.
  CHECK(gram_error(ki::Orthogonal({.gain = 2.0})({40, 10}, DType::float64), true, 4.0) < 1e-12);
  // An LSTM recurrent kernel (u, 4u) is orthogonalised whole: orthonormal rows.
  CHECK(gram_error(ki::Orthogonal()({32, 128}), false, 1.0) < 1e-5);

  CHECK_THROWS_WITH(ki::Orthogonal()({3}),
                    "The tensor to initialize must be at least two-dimensional. Received: "
                    "shape=(3,) of rank 1.");
}

TEST_CASE("Orthogonal is the sign-corrected Q of its normal draw (Q^T A = R, diag(R) > 0)",
          "[initializers]") {
  // With an int seed the initializer draws random::normal(flat_shape, seed) itself, so A is
  // reproducible here; Q^T A must then be upper triangular with a positive diagonal, which
  // pins Q down uniquely (it is what Keras's QR + sign(diag(R)) step gives for the same A).
  for (const Shape& shape : {Shape{50, 12}, Shape{12, 50}}) {
    INFO("shape " << shape.to_string());
    const bool wide = shape[0] < shape[1];
    const std::int64_t m = std::max(shape[0], shape[1]), n = std::min(shape[0], shape[1]);
    Tensor a = random::normal({m, n}, 0.0, 1.0, DType::float64, 11);
    Tensor out = ki::Orthogonal({.seed = 11})(shape, DType::float64);
    Tensor q = wide ? ops::transpose(out) : out;
    const auto r = ops::matmul(ops::transpose(q), a).to_vector<double>();
    double below = 0, min_diag = 1e9;
    for (std::int64_t i = 0; i < n; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        const double e = r[static_cast<std::size_t>(i * n + j)];
        if (i > j) below = std::max(below, std::fabs(e));
        if (i == j) min_diag = std::min(min_diag, e);
      }
    CHECK(below < 1e-10);
    CHECK(min_diag > 0);
    // And Q R reproduces A.
    testing::require_close(ops::matmul(q, ops::matmul(ops::transpose(q), a)), a, 1e-10, 1e-10);
  }
}
