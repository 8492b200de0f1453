// Edge cases found in review: each once crashed, hung or gave a wrong answer.
#include <chrono>
#include <climits>
#include <cmath>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

TEST_CASE("integer floor_divide and mod of MIN by -1 wrap instead of trapping", "[regression]") {
  Tensor a = tensor<std::int32_t>({INT_MIN, 7}, {2});
  Tensor b = tensor<std::int32_t>({-1, -1}, {2});
  CHECK(ops::floor_divide(a, b).to_vector<std::int64_t>() ==
        std::vector<std::int64_t>{INT_MIN, -7});
  CHECK(ops::mod(a, b).to_vector<std::int64_t>() == std::vector<std::int64_t>{0, 0});
  Tensor c = tensor<std::int64_t>({LLONG_MIN}, {1});
  CHECK(ops::floor_divide(c, tensor<std::int64_t>({-1}, {1})).item<std::int64_t>() == LLONG_MIN);
}

TEST_CASE("integer unary ops and power are exact in int64 and fast for huge exponents",
          "[regression]") {
  const std::int64_t big = (std::int64_t{1} << 53) + 1;
  CHECK(ops::negative(tensor<std::int64_t>({big}, {1})).item<std::int64_t>() == -big);
  CHECK(ops::abs(tensor<std::int64_t>({-big}, {1})).item<std::int64_t>() == big);
  CHECK(ops::square(tensor<std::int64_t>({3037000499}, {1})).item<std::int64_t>() ==
        9223372030926249001);
  auto start = std::chrono::steady_clock::now();
  Tensor p = ops::power(tensor<std::int64_t>({1, 2, -1}, {3}),
                        tensor<std::int64_t>({1000000000000000000, 62, 1000000000000000001}, {3}));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(p.to_vector<std::int64_t>() == std::vector<std::int64_t>{1, std::int64_t{1} << 62, -1});
}

TEST_CASE("conv with zero input channels is a ValueError, not a crash", "[regression]") {
  REQUIRE_THROWS_AS(ops::conv(ops::zeros({1, 5, 0}), ops::zeros({3, 2, 4})), ValueError);
  REQUIRE_THROWS_AS(ops::depthwise_conv(ops::zeros({1, 5, 0}), ops::zeros({3, 0, 1})), ValueError);
}

TEST_CASE("gradients with respect to intermediate tensors are returned", "[regression][autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({1, 2, 3}, {3}));
  Tensor z = ops::multiply(x, 2.0);
  auto g = tape.gradient(ops::sum(ops::square(z)), {z, x});
  require_values(g[0], {4, 8, 12}, {3});
  require_values(g[1], {8, 16, 24}, {3});
}

TEST_CASE("a variable assigned inside a tape does not carry that graph", "[regression][autodiff]") {
  Variable w(tensor<float>({1, 1}, {2}));
  Variable v(tensor<float>({0, 0}, {2}), /*trainable=*/false);
  {
    GradientTape tape;
    v.assign(ops::multiply(w.value(), 2.0));
  }
  GradientTape tape;
  auto g = tape.gradient(ops::sum(ops::add(w.value(), v.value())), std::vector<Variable>{w});
  require_values(g[0], {1, 1}, {2});
  Variable i(tensor<std::int32_t>({0}, Shape{}));
  i.assign(Tensor(3));
  CHECK(ops::add(i.value(), tensor<std::uint8_t>({1}, {1})).dtype() == DType::int32);
}

TEST_CASE("nested tapes watching the same tensor", "[regression][autodiff]") {
  Tensor x = tensor<double>({2}, {1});
  GradientTape outer;
  {
    GradientTape inner;
    inner.watch(x);
    outer.watch(x);
  }
  CHECK(x.is_tracked());
  require_values(outer.gradient(ops::square(x), {x})[0], {4}, {1});
}

TEST_CASE("reductions over non-adjacent axes including an empty one", "[regression]") {
  Tensor x = ops::zeros({2, 3, 0});
  require_values(ops::sum(x, {0, 2}), {0, 0, 0}, {3});
  require_values(ops::prod(x, {0, 2}), {1, 1, 1}, {3});
  CHECK(std::isnan(ops::mean(x, {0, 2}).to_vector<double>()[0]));
}

TEST_CASE("C++ double scalars keep full precision with float64 tensors", "[regression]") {
  Tensor one = tensor<double>({1.0}, {1});
  CHECK(ops::add(one, 0.1).item<double>() == 1.1);
  CHECK(ops::multiply(one, 1e-300).item<double>() == 1e-300);
  CHECK(ops::add(tensor<float>({1}, {1}), 0.1).dtype() == DType::float32);
  CHECK(ops::add(Tensor(1.0), Tensor(2.0)).dtype() == DType::float32);
  CHECK(ops::add(Tensor(1), Tensor(2)).dtype() == DType::int32);
  CHECK(ops::exp(Tensor(2.0)).dtype() == DType::float32);
  CHECK(ops::add(tensor<std::int32_t>({1 << 30}, {1}), tensor<std::int32_t>({1 << 30}, {1}))
            .item<std::int64_t>() == INT_MIN);  // int32 addition wraps on every backend
}

TEST_CASE("power's x-gradient is 0 where the exponent is 0", "[regression][autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({0, 2}, {2}));
  Tensor g = tape.gradient(ops::sum(ops::power(x, tensor<double>({0, 0}, {2}))), {x})[0];
  require_values(g, {0, 0}, {2});
}

TEST_CASE("dot with an empty contraction gives zeros", "[regression]") {
  Tensor d = ops::dot(ops::zeros({2, 0}), ops::zeros({3, 0, 4}));
  require_values(d, std::vector<double>(24, 0.0), {2, 3, 4});
}

TEST_CASE("a forked child can still run parallel kernels", "[regression]") {
  const int previous = config::num_threads();
  config::set_num_threads(2);
  Tensor big = ops::ones({1 << 20});
  CHECK(ops::sum(ops::exp(big)).item<double>() > 0);  // starts the worker pool
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    alarm(10);  // a hang becomes a failure, not a stuck test run
    double s = ops::sum(ops::exp(ops::ones({1 << 20}))).item<double>();
    _exit(std::fabs(s - std::exp(1.0) * (1 << 20)) < 1e3 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  config::set_num_threads(previous);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
