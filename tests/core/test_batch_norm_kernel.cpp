// BatchNormalization's kernels (ops::detail::batch_norm_training / batch_norm_inference on the
// backends' batch_norm_forward / batch_norm_backward): the values, statistics and gradients of
// the ops they replace (mean, var and keras.ops.batch_normalization's arithmetic).
#include "src/core/ops/batch_norm.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

struct NormCase {
  Shape shape;
  int axis;
  bool gamma, beta;
};

std::vector<int> other_axes(int rank, int axis) {
  std::vector<int> axes;
  for (int i = 0; i < rank; ++i)
    if (i != axis) axes.push_back(i);
  return axes;
}

Tensor along(const Tensor& v, const Shape& shape, int axis) {
  std::vector<std::int64_t> dims(static_cast<std::size_t>(shape.rank()), 1);
  dims[static_cast<std::size_t>(axis)] = shape[axis];
  return ops::reshape(v, Shape(dims));
}

// keras.ops.batch_normalization: x * inv + (beta - mean * inv), inv = rsqrt(var + eps) * gamma.
Tensor composed(const Tensor& x, const Tensor& mean, const Tensor& variance, const Tensor& gamma,
                const Tensor& beta, int axis, double epsilon) {
  Tensor inv = ops::rsqrt(ops::add(along(variance, x.shape(), axis), epsilon));
  if (gamma.defined()) inv = ops::multiply(inv, along(gamma, x.shape(), axis));
  Tensor shift = ops::multiply(ops::negative(along(mean, x.shape(), axis)), inv);
  if (beta.defined()) shift = ops::add(shift, along(beta, x.shape(), axis));
  return ops::add(ops::multiply(x, inv), shift);
}

}  // namespace

TEST_CASE("batch_norm_training: the statistics, values and gradients of the ops it replaces",
          "[normalization]") {
  constexpr double kEpsilon = 1e-3;
  for (const std::string& name : backend::available()) {
    testing::BackendScope scope(name);
    for (DType dtype : {DType::float32, DType::float64})
      for (const NormCase& c :
           {NormCase{{4, 5, 3, 6}, 3, true, true}, NormCase{{7, 4, 5}, 1, true, true},
            NormCase{{9, 8}, 1, false, true}, NormCase{{2, 3, 3, 4}, 3, true, false},
            NormCase{{1, 6}, 1, false, false}}) {
        INFO(name << " " << dtype_name(dtype) << " " << c.shape.to_string() << " axis " << c.axis
                  << " gamma=" << c.gamma << " beta=" << c.beta);
        // Far from zero mean and unit variance, so the statistics matter to the gradient.
        const Tensor x = random::normal(c.shape, 3.0, 2.0, dtype, 21);
        const Shape channels{c.shape[c.axis]};
        const Tensor gamma = c.gamma ? random::normal(channels, 1.0, 0.5, dtype, 22) : Tensor();
        const Tensor beta = c.beta ? random::normal(channels, 0.0, 1.0, dtype, 23) : Tensor();
        const std::vector<int> axes = other_axes(c.shape.rank(), c.axis);

        std::vector<Tensor> inputs{x};
        if (c.gamma) inputs.push_back(gamma);
        if (c.beta) inputs.push_back(beta);
        auto unpack = [&](const std::vector<Tensor>& in) {
          std::size_t k = 1;
          const Tensor g = c.gamma ? in[k++] : Tensor();
          const Tensor b = c.beta ? in[k++] : Tensor();
          return std::pair{g, b};
        };
        const auto fused = testing::value_and_grads(
            [&](const std::vector<Tensor>& in) {
              const auto [g, b] = unpack(in);
              return ops::detail::batch_norm_training(in[0], c.axis, g, b, kEpsilon).y;
            },
            inputs);
        const auto reference = testing::value_and_grads(
            [&](const std::vector<Tensor>& in) {
              const auto [g, b] = unpack(in);
              return composed(in[0], ops::mean(in[0], axes), ops::var(in[0], axes), g, b, c.axis,
                              kEpsilon);
            },
            inputs);
        const double tol = dtype == DType::float32 ? 2e-4 : 1e-9;
        REQUIRE(fused.size() == reference.size());
        for (std::size_t i = 0; i < fused.size(); ++i) {
          INFO("output " << i << " (0: y, then the gradients of x, gamma, beta)");
          testing::require_close(fused[i], reference[i], tol, tol);
        }

        const auto r = ops::detail::batch_norm_training(x, c.axis, gamma, beta, kEpsilon);
        testing::require_close(r.mean, ops::mean(x, axes), tol, tol);
        testing::require_close(r.variance, ops::var(x, axes), tol, tol);
        CHECK(r.mean.shape() == channels);
      }
  }
}

TEST_CASE("batch_norm_inference: keras.ops.batch_normalization's values, and not under a tape",
          "[normalization]") {
  constexpr double kEpsilon = 1e-5;
  for (const std::string& name : backend::available()) {
    testing::BackendScope scope(name);
    for (DType dtype : {DType::float32, DType::float64})
      for (const NormCase& c :
           {NormCase{{4, 5, 3, 6}, 3, true, true}, NormCase{{3, 4, 5}, 1, false, true},
            NormCase{{5, 8}, 1, true, false}}) {
        INFO(name << " " << dtype_name(dtype) << " " << c.shape.to_string() << " axis " << c.axis);
        const Tensor x = random::normal(c.shape, 1.0, 2.0, dtype, 31);
        const Shape channels{c.shape[c.axis]};
        const Tensor mean = random::normal(channels, 1.0, 1.0, dtype, 32);
        const Tensor variance = random::uniform(channels, 0.5, 3.0, dtype, 33);
        const Tensor gamma = c.gamma ? random::normal(channels, 1.0, 0.5, dtype, 34) : Tensor();
        const Tensor beta = c.beta ? random::normal(channels, 0.0, 1.0, dtype, 35) : Tensor();
        const Tensor y =
            ops::detail::batch_norm_inference(x, c.axis, mean, variance, gamma, beta, kEpsilon);
        REQUIRE(y.defined());
        const double tol = dtype == DType::float32 ? 1e-5 : 1e-12;
        testing::require_close(y, composed(x, mean, variance, gamma, beta, c.axis, kEpsilon), tol,
                               tol);

        GradientTape tape;
        const Tensor watched = tape.watch(ops::copy(x));
        CHECK_FALSE(ops::detail::batch_norm_inference(watched, c.axis, mean, variance, gamma, beta,
                                                      kEpsilon)
                        .defined());
      }
  }
}

TEST_CASE("batch_norm_training: an empty batch or a wrong operand is a clear error",
          "[normalization]") {
  const Tensor empty = ops::zeros({0, 3});
  CHECK_THROWS_WITH(ops::detail::batch_norm_training(empty, 1, Tensor(), Tensor(), 1e-3),
                    Catch::Contains("non-empty batch"));
  const Tensor x = ops::ones({2, 3});
  CHECK_THROWS_WITH(ops::detail::batch_norm_training(x, 1, ops::ones({4}), Tensor(), 1e-3),
                    Catch::Contains("shape (3,)"));
  CHECK_THROWS_AS(ops::detail::batch_norm_training(ops::ones({2, 3}, DType::int32), 1, Tensor(),
                                                   Tensor(), 1e-3),
                  TypeError);
  CHECK_THROWS_WITH(ops::detail::batch_norm_training(x, 1, Tensor(), Tensor(), 0.0),
                    Catch::Contains("epsilon must be positive"));
  CHECK_THROWS_WITH(
      ops::detail::batch_norm_inference(x, 1, Tensor(), ops::ones({3}), Tensor(), Tensor(), 1e-3),
      Catch::Contains("expected a mean and a variance"));
}
