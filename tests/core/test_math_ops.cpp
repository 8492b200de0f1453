// Hand-checked values for elementwise math, comparisons, reductions and creation ops.
#include <cmath>
#include <limits>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

namespace {
Tensor vec(std::vector<double> v) {
  auto n = static_cast<std::int64_t>(v.size());
  return ops::cast(tensor(v, Shape{n}), DType::float32);
}
}  // namespace

TEST_CASE("unary math ops on hand-checked values", "[ops][math]") {
  Tensor x = vec({-2, -0.5, 0, 0.5, 3});
  require_values(ops::negative(x), {2, 0.5, 0, -0.5, -3}, {5});
  require_values(ops::abs(x), {2, 0.5, 0, 0.5, 3}, {5});
  require_values(ops::sign(x), {-1, -1, 0, 1, 1}, {5});
  require_values(ops::square(x), {4, 0.25, 0, 0.25, 9}, {5});
  require_values(ops::exp(vec({0, 1})), {1, M_E}, {2});
  require_values(ops::log(vec({1, M_E})), {0, 1}, {2});
  require_values(ops::log1p(vec({0, M_E - 1})), {0, 1}, {2});
  require_values(ops::expm1(vec({0, 1})), {0, M_E - 1}, {2});
  require_values(ops::sqrt(vec({4, 9})), {2, 3}, {2});
  require_values(ops::rsqrt(vec({4, 16})), {0.5, 0.25}, {2});
  require_values(ops::reciprocal(vec({4, -0.5})), {0.25, -2}, {2});
  require_values(ops::tanh(vec({0, 1})), {0, std::tanh(1.0)}, {2});
  require_values(ops::round(vec({0.5, 1.5, 2.5, -0.5, 1.2})), {0, 2, 2, -0, 1}, {5});
  require_values(ops::floor(vec({-1.5, 1.5})), {-2, 1}, {2});
  require_values(ops::ceil(vec({-1.5, 1.5})), {-1, 2}, {2});
  require_values(ops::clip(x, -1, 1), {-1, -0.5, 0, 0.5, 1}, {5});
  require_values(ops::power(vec({2, 3}), vec({3, 0.5})), {8, std::sqrt(3.0)}, {2});
  require_values(ops::maximum(x, 0.0), {0, 0, 0, 0.5, 3}, {5});
  require_values(ops::minimum(x, 0.0), {-2, -0.5, 0, 0, 0}, {5});
  require_values(ops::mod(vec({5, -5, 5}), vec({3, 3, -3})), {2, 1, -1}, {3});
  require_values(ops::floor_divide(vec({5, -5}), vec({2, 2})), {2, -3}, {2});
}

TEST_CASE("activations on hand-checked values", "[ops][nn]") {
  Tensor x = vec({-4, -1, 0, 1, 7});
  require_values(ops::relu(x), {0, 0, 0, 1, 7}, {5});
  require_values(ops::relu6(x), {0, 0, 0, 1, 6}, {5});
  require_values(ops::sigmoid(vec({0})), {0.5}, {1});
  require_values(ops::hard_sigmoid(x), {0, 2.0 / 6, 0.5, 4.0 / 6, 1}, {5});
  require_values(ops::elu(vec({-1, 2}), 1.0), {std::expm1(-1.0), 2}, {2});
  require_values(ops::selu(vec({1})), {1.0507009873554805}, {1});
  require_values(ops::softplus(vec({0, 100})), {std::log(2.0), 100}, {2});
  require_values(ops::softsign(vec({1, -3})), {0.5, -0.75}, {2});
  require_values(ops::silu(vec({0, 1})), {0, 1 / (1 + std::exp(-1.0))}, {2});
  require_values(ops::leaky_relu(vec({-10, 2}), 0.2), {-2, 2}, {2});
  require_values(ops::gelu(vec({1}), false), {0.8413447460685429}, {1});
  require_values(ops::gelu(vec({1}), true), {0.8411919906082768}, {1});
  require_values(ops::softmax(tensor<float>({1, 1, 1000, 1000}, {2, 2})), {0.5, 0.5, 0.5, 0.5},
                 {2, 2});
  require_values(ops::log_softmax(tensor<float>({0, 0}, {2})), {-std::log(2.0), -std::log(2.0)},
                 {2});
}

TEST_CASE("integer inputs: exact ops stay integer, transcendental ones become float32",
          "[ops][math]") {
  Tensor i = tensor<std::int32_t>({-2, 3}, {2});
  CHECK(ops::abs(i).dtype() == DType::int32);
  CHECK(ops::square(i).dtype() == DType::int32);
  CHECK(ops::exp(i).dtype() == DType::float32);
  CHECK(ops::sqrt(ops::abs(i)).dtype() == DType::float32);
  require_values(ops::floor_divide(tensor<std::int32_t>({7, -7}, {2}), 2), {3, -4}, {2});
  require_values(ops::mod(tensor<std::int32_t>({7, -7}, {2}), 3), {1, 2}, {2});
  CHECK(ops::add(tensor<std::int64_t>({1}, {1}), tensor<float>({1}, {1})).dtype() ==
        DType::float32);
  CHECK(ops::add(tensor<double>({1}, {1}), 1.0f).dtype() == DType::float64);
}

TEST_CASE("comparisons, logical ops and where", "[ops][math]") {
  Tensor a = vec({1, 2, 3});
  Tensor b = vec({3, 2, 1});
  CHECK(ops::less(a, b).dtype() == DType::bool_);
  require_values(ops::less(a, b), {1, 0, 0}, {3});
  require_values(ops::less_equal(a, b), {1, 1, 0}, {3});
  require_values(ops::greater(a, b), {0, 0, 1}, {3});
  require_values(ops::greater_equal(a, b), {0, 1, 1}, {3});
  require_values(ops::equal(a, b), {0, 1, 0}, {3});
  require_values(ops::not_equal(a, b), {1, 0, 1}, {3});
  Tensor p = bool_tensor({1, 1, 0, 0}, {4}), q = bool_tensor({1, 0, 1, 0}, {4});
  require_values(ops::logical_and(p, q), {1, 0, 0, 0}, {4});
  require_values(ops::logical_or(p, q), {1, 1, 1, 0}, {4});
  require_values(ops::logical_xor(p, q), {0, 1, 1, 0}, {4});
  require_values(ops::logical_not(p), {0, 0, 1, 1}, {4});
  require_values(ops::where(ops::greater(a, 1.5), a, 0.0), {0, 2, 3}, {3});
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  Tensor special = vec({nan, inf, -inf, 1});
  require_values(ops::isnan(special), {1, 0, 0, 0}, {4});
  require_values(ops::isinf(special), {0, 1, 1, 0}, {4});
  require_values(ops::isfinite(special), {0, 0, 0, 1}, {4});
}

TEST_CASE("reductions on hand-checked values", "[ops][reduction]") {
  Tensor x = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  require_values(ops::prod(x, 1), {6, 120}, {2});
  require_values(ops::min(x, 0), {1, 2, 3}, {3});
  require_values(ops::argmin(x, 0), {0, 0, 0}, {3});
  require_values(ops::argmax(x), {5}, {});
  require_values(ops::std(x, 1), {std::sqrt(2.0 / 3), std::sqrt(2.0 / 3)}, {2});
  require_values(ops::logsumexp(tensor<float>({0, 0, 1000, 1000}, {2, 2}), 1),
                 {std::log(2.0), 1000 + std::log(2.0)}, {2});
  require_values(ops::sum(x, {0, 1}, true), {21}, {1, 1});
  require_values(ops::mean(tensor<float>({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2}), {0, 2}), {3.5, 5.5},
                 {2});
  Tensor flags = bool_tensor({1, 0, 1, 1}, {2, 2});
  require_values(ops::any(flags, 1), {1, 1}, {2});
  require_values(ops::all(flags, 1), {0, 1}, {2});
  CHECK(ops::sum(tensor<std::uint8_t>({200, 100}, {2})).item<int>() == 300);
  REQUIRE_THROWS_AS(ops::sum(x, 2), ValueError);
  REQUIRE_THROWS_AS(ops::max(ops::zeros({0, 3}), 0), ValueError);
}

TEST_CASE("creation ops and casts", "[ops][creation]") {
  require_values(ops::full({2}, 7.5), {7.5, 7.5}, {2});
  require_values(ops::arange(0, 5, 2), {0, 2, 4}, {3});
  CHECK(ops::arange(3).dtype() == DType::int32);
  require_values(ops::arange(0.0, 1.0, 0.25, DType::float32), {0, 0.25, 0.5, 0.75}, {4});
  require_values(ops::eye(2, 3, 1), {0, 1, 0, 0, 0, 1}, {2, 3});
  require_values(ops::cast(vec({-1.7, 2.7}), DType::int32), {-1, 2}, {2});
  require_values(ops::cast(vec({0, 0.1}), DType::bool_), {0, 1}, {2});
  CHECK(ops::cast(vec({1}), "float64").dtype() == DType::float64);
  REQUIRE_THROWS_WITH(ops::cast(vec({1}), "float8"),
                      Catch::Contains("float8") && Catch::Contains("float32"));
  REQUIRE_THROWS_AS(ops::zeros({-1, 2}), ValueError);
  REQUIRE_THROWS_AS(tensor<float>({1, 2, 3}, {2, 2}), ValueError);
}

TEST_CASE("arange infers its dtype from its arguments, as keras.ops.arange", "[ops][creation]") {
  // All integers: int32. Any float among start / stop / step: floatx.
  Tensor f = ops::arange(0.5, 3.0, 0.25);
  CHECK(f.dtype() == DType::float32);
  require_values(f, {0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 2.75}, {10});
  CHECK(ops::arange(0, 2, 0.5).dtype() == DType::float32);
  CHECK(ops::arange(0, 2.0).dtype() == DType::float32);
  CHECK(ops::arange(4.0).dtype() == DType::float32);
  CHECK(ops::arange(0, 5, 2).dtype() == DType::int32);
  CHECK(ops::arange(std::int64_t{5}).dtype() == DType::int32);
  CHECK(ops::arange(0.0, 3.0, 1.0, DType::int64).dtype() == DType::int64);  // given wins
}

TEST_CASE("zeros, ones, full and eye default to floatx", "[ops][creation]") {
  struct FloatxScope {
    std::string previous = config::floatx();
    ~FloatxScope() { config::set_floatx(previous); }
  } restore;
  for (const char* floatx : {"float32", "float64"}) {
    INFO("floatx " << floatx);
    config::set_floatx(floatx);
    const DType want = dtype_from_name(floatx);
    CHECK(ops::zeros({2}).dtype() == want);
    CHECK(ops::ones({2}).dtype() == want);
    CHECK(ops::full({2}, 7).dtype() == want);
    CHECK(ops::eye(2).dtype() == want);
    CHECK(ops::arange(0.5, 1.0, 0.25).dtype() == want);
    CHECK(ops::arange(0, 3).dtype() == DType::int32);  // ints do not follow floatx
    CHECK(ops::zeros({2}, DType::int32).dtype() == DType::int32);
  }
}

TEST_CASE("Shape takes Python-style negative indices, bounds-checked", "[shape]") {
  Shape s{2, 3, 4};
  CHECK(s[-1] == 4);
  CHECK(s[-3] == 2);
  CHECK(s[0] == 2);
  s[-1] = 5;
  CHECK(s == Shape{2, 3, 5});
  REQUIRE_THROWS_AS(s[3], IndexError);
  REQUIRE_THROWS_AS(s[-4], IndexError);
  REQUIRE_THROWS_WITH(s[3], Catch::Contains("index 3") && Catch::Contains("(2, 3, 5)"));
  REQUIRE_THROWS_WITH(s[-4], Catch::Contains("index -4") && Catch::Contains("(2, 3, 5)"));
  const Shape scalar{};
  REQUIRE_THROWS_AS(scalar[0], IndexError);
  REQUIRE_THROWS_AS(scalar[-1], IndexError);
}

TEST_CASE("backend selection reports and rejects names", "[backend]") {
  CHECK_FALSE(backend::name().empty());
  auto names = backend::available();
  CHECK(std::find(names.begin(), names.end(), "reference") != names.end());
  REQUIRE_THROWS_AS(backend::set_backend("cuda"), ValueError);
  REQUIRE_THROWS_WITH(backend::set_backend("cuda"),
                      Catch::Contains("cuda") && Catch::Contains("reference"));
  {
    testing::BackendScope scope("reference");
    CHECK(backend::name() == "reference");
  }
}

TEST_CASE("elementwise ops agree across backends on random inputs", "[backend][math]") {
  Tensor x = testing::random_tensor({37, 5}, 41, -30, 30, DType::float32);
  Tensor y = testing::random_tensor({5}, 42, 0.5, 3, DType::float32);
  using F = Tensor (*)(const Tensor&);
  for (F f :
       {F(ops::exp), F(ops::tanh), F(ops::sigmoid), F(ops::softplus), F(ops::relu), F(ops::abs),
        F(ops::silu), F(ops::selu), F(ops::erf), F(ops::softsign), F(ops::hard_sigmoid)})
    testing::check_backends_agree([f](auto& v) { return f(v[0]); }, {x});
  testing::check_backends_agree([](auto& v) { return ops::divide(v[0], v[1]); }, {x, y});
  testing::check_backends_agree([](auto& v) { return ops::sum(v[0], 0); }, {x});
  testing::check_backends_agree([](auto& v) { return ops::max(v[0], 1); }, {x});
  testing::check_backends_agree([](auto& v) { return ops::softmax(v[0]); }, {x});
}

TEST_CASE("a given-up first operand receives the result in place only when nothing else needs it",
          "[ops][math]") {
  // A temporary with no other reference: the result is written over it.
  Tensor t = vec({2, 4, 6});
  const void* storage = t.buffer().get();
  Tensor half = ops::divide(std::move(t), 2.0);
  require_values(half, {1, 2, 3}, {3});
  CHECK(half.buffer().get() == storage);
  require_values(ops::subtract(ops::multiply(vec({1, 2, 3}), 2.0), 1.0), {1, 3, 5}, {3});

  // Still referenced elsewhere (a copy, a view of the same storage): left untouched.
  Tensor u = vec({1, 2, 3});
  Tensor copy = u;
  require_values(ops::add(std::move(u), 1.0), {2, 3, 4}, {3});
  require_values(copy, {1, 2, 3}, {3});
  Tensor v = vec({1, 2, 3});
  Tensor view = ops::reshape(v, {3, 1});
  require_values(ops::multiply(std::move(v), 10.0), {10, 20, 30}, {3});
  require_values(view, {1, 2, 3}, {3, 1});

  // The same tensor on both sides, a result of another shape or dtype.
  Tensor w = vec({1, 2, 3});
  require_values(ops::add(std::move(w), w), {2, 4, 6}, {3});
  require_values(ops::add(vec({1, 2, 3}), ops::ones({2, 3})), {2, 3, 4, 2, 3, 4}, {2, 3});
  require_values(ops::divide(ops::arange(1, 4), 2), {0.5, 1, 1.5}, {3});

  // Tracked values keep theirs: the backward pass of x * x needs x.
  GradientTape tape;
  Tensor x = tape.watch(vec({1, 2, 3}));
  Tensor y = ops::multiply(ops::multiply(x, 1.0), x);
  require_values(tape.gradient(ops::sum(y), {x})[0], {2, 4, 6}, {3});
}
