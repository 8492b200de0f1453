#include "test_util.hpp"

using namespace keras;
using testing::require_values;

TEST_CASE("a tensor used twice accumulates both gradients", "[autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({1, 2, 3}, {3}));
  Tensor y = ops::sum(ops::multiply(x, x));  // d/dx = 2x via two paths
  auto g = tape.gradient(y, {x});
  require_values(g[0], {2, 4, 6}, {3});
}

TEST_CASE("unrelated sources get undefined gradients, as TF returns None", "[autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({1}, {1}));
  Tensor z = tape.watch(tensor<double>({1}, {1}));
  auto g = tape.gradient(ops::square(x), {x, z});
  CHECK(g[0].defined());
  CHECK_FALSE(g[1].defined());
}

TEST_CASE("nothing is recorded without a tape or inside NoGrad", "[autodiff]") {
  Variable v(tensor<float>({1, 2}, {2}));
  CHECK_FALSE(ops::square(v.value()).is_tracked());
  GradientTape tape;
  CHECK(ops::square(v.value()).is_tracked());
  NoGrad no_grad;
  CHECK_FALSE(ops::square(v.value()).is_tracked());
}

TEST_CASE("stop_gradient blocks the flow", "[autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({3}, {1}));
  Tensor y = ops::add(ops::square(x), ops::stop_gradient(ops::square(x)));
  require_values(tape.gradient(y, {x})[0], {6}, {1});
}

TEST_CASE("non-trainable variables are not watched", "[autodiff]") {
  Variable frozen(tensor<float>({1, 2}, {2}), /*trainable=*/false);
  GradientTape tape;
  auto g = tape.gradient(ops::sum(frozen.value()), std::vector<Variable>{frozen});
  CHECK_FALSE(g[0].defined());
}

TEST_CASE("variable assignment checks shapes and keeps dtype", "[autodiff]") {
  Variable v(tensor<float>({1, 2}, {2}), true, "kernel");
  REQUIRE_THROWS_WITH(v.assign(ops::zeros({3})),
                      Catch::Contains("kernel") && Catch::Contains("(3,)"));
  v.assign(tensor<double>({5, 6}, {2}));
  CHECK(v.dtype() == DType::float32);
  require_values(v.value(), {5, 6}, {2});
  Variable alias = v;
  alias.assign_add(ops::ones({2}));
  require_values(v.value(), {6, 7}, {2});
}

TEST_CASE("a deep chain does not overflow the stack", "[autodiff]") {
  GradientTape tape;
  Tensor x = tape.watch(tensor<double>({1}, {1}));
  Tensor y = x;
  for (int i = 0; i < 20000; ++i) y = ops::add(y, 0.0);
  require_values(tape.gradient(y, {x})[0], {1}, {1});
}

TEST_CASE("gradients of every elementwise math op", "[autodiff][math]") {
  using testing::check_gradients;
  Tensor x = testing::random_tensor({2, 5}, 11, -2, 2);
  Tensor pos = testing::random_tensor({2, 5}, 12, 0.2, 3);
  Tensor y = testing::random_tensor({5}, 13, -2, 2);
  using F = Tensor (*)(const Tensor&);
  for (F f :
       {F(ops::negative), F(ops::abs), F(ops::exp), F(ops::expm1), F(ops::square), F(ops::sin),
        F(ops::cos), F(ops::tanh), F(ops::erf), F(ops::sigmoid), F(ops::relu), F(ops::relu6),
        F(ops::selu), F(ops::softplus), F(ops::softsign), F(ops::silu), F(ops::hard_sigmoid)})
    check_gradients([f](auto& v) { return f(v[0]); }, {x});
  for (F f : {F(ops::log), F(ops::log1p), F(ops::sqrt), F(ops::rsqrt), F(ops::reciprocal)})
    check_gradients([f](auto& v) { return f(v[0]); }, {pos});
  check_gradients([](auto& v) { return ops::elu(v[0], 0.7); }, {x});
  check_gradients([](auto& v) { return ops::leaky_relu(v[0], 0.1); }, {x});
  check_gradients([](auto& v) { return ops::gelu(v[0], true); }, {x});
  check_gradients([](auto& v) { return ops::gelu(v[0], false); }, {x});
  check_gradients([](auto& v) { return ops::clip(v[0], -0.5, 0.5); }, {x});
  using B = Tensor (*)(const Tensor&, const Tensor&);
  for (B f : {B(ops::add), B(ops::subtract), B(ops::multiply), B(ops::maximum), B(ops::minimum)})
    check_gradients([f](auto& v) { return f(v[0], v[1]); }, {x, y});
  check_gradients([](auto& v) { return ops::power(v[0], v[1]); }, {pos, y});
  check_gradients([](auto& v) { return ops::mod(v[0], v[1]); }, {x, pos});
  check_gradients([](auto& v) { return ops::where(ops::greater(v[0], 0.0), v[0], v[1]); }, {x, y});
}

TEST_CASE("gradients of every reduction", "[autodiff][reduction]") {
  using testing::check_gradients;
  Tensor x = testing::random_tensor({3, 4, 2}, 21, 0.5, 2);
  for (ops::Axes axes : {ops::Axes(), ops::Axes(1), ops::Axes({0, 2}), ops::Axes(-1)}) {
    check_gradients([axes](auto& v) { return ops::sum(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::mean(v[0], axes, true); }, {x});
    check_gradients([axes](auto& v) { return ops::max(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::min(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::prod(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::var(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::std(v[0], axes); }, {x});
    check_gradients([axes](auto& v) { return ops::logsumexp(v[0], axes); }, {x});
  }
  check_gradients([](auto& v) { return ops::log_softmax(v[0], 1); }, {x});
  check_gradients(
      [](auto& v) {
        return ops::dot(v[0], ops::reshape(v[1], {4, 2, 3}));
      },
      {x, testing::random_tensor({24}, 22)});
}

TEST_CASE("matmul gradient with batch broadcasting", "[autodiff][linalg]") {
  Tensor a = testing::random_tensor({2, 3, 4}, 31);
  Tensor b = testing::random_tensor({4, 5}, 32);
  Tensor c = testing::random_tensor({1, 4, 5}, 33);
  testing::check_gradients([](auto& v) { return ops::matmul(v[0], v[1]); }, {a, b});
  testing::check_gradients([](auto& v) { return ops::matmul(v[0], v[1]); }, {a, c});
  testing::check_gradients([](auto& v) { return ops::matmul(v[0], v[1]); },
                           {testing::random_tensor({4}, 34), b});
}

TEST_CASE("matmul and conv skip gradients of untracked inputs but keep the tracked ones",
          "[autodiff]") {
  Tensor x = testing::random_tensor({2, 5, 5, 3}, 51);
  Tensor w = testing::random_tensor({3, 3, 3, 4}, 52);
  Tensor a = testing::random_tensor({4, 6}, 53);
  Tensor b = testing::random_tensor({6, 2}, 54);
  auto both = [&](bool watch_first) {
    GradientTape tape;
    Tensor x1 = watch_first ? tape.watch(ops::copy(x)) : x;
    Tensor w1 = tape.watch(ops::copy(w));
    Tensor a1 = watch_first ? tape.watch(ops::copy(a)) : a;
    Tensor b1 = tape.watch(ops::copy(b));
    Tensor loss = ops::add(ops::sum(ops::square(ops::conv(x1, w1))),
                           ops::sum(ops::square(ops::matmul(a1, b1))));
    return tape.gradient(loss, {x1, w1, a1, b1});
  };
  auto full = both(true);
  auto partial = both(false);
  CHECK_FALSE(partial[0].defined());
  CHECK_FALSE(partial[2].defined());
  testing::require_close(partial[1], full[1]);
  testing::require_close(partial[3], full[3]);
}

TEST_CASE("a watched tensor is tracked only while its tape lives", "[autodiff]") {
  Tensor x = tensor<double>({1, 2}, {2});
  {
    GradientTape tape;
    tape.watch(x);
    CHECK(x.is_tracked());
    require_values(tape.gradient(ops::sum(ops::square(x)), {x})[0], {2, 4}, {2});
  }
  CHECK_FALSE(x.is_tracked());
  GradientTape later;
  CHECK_FALSE(ops::square(x).is_tracked());
}
