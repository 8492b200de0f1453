#include "src/backends/host_allocator.hpp"
#include "test_util.hpp"

using namespace keras;
using testing::require_values;

TEST_CASE("add broadcasts and promotes like NumPy", "[ops][math]") {
  Tensor a = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor b = tensor<float>({10, 20, 30}, {3});
  Tensor c = ops::add(a, b);
  CHECK(c.dtype() == DType::float32);
  require_values(c, {11, 22, 33, 14, 25, 36}, {2, 3});
  Tensor i = tensor<std::int32_t>({1, 2}, {2});
  CHECK(ops::add(i, 1).dtype() == DType::int32);
  CHECK(ops::add(i, 0.5).dtype() == DType::float32);
  CHECK(ops::divide(i, 2).dtype() == DType::float32);
  require_values(ops::divide(i, 2), {0.5, 1.0}, {2});
}

TEST_CASE("broadcast errors name both shapes", "[ops][errors]") {
  Tensor a = ops::zeros({2, 3});
  Tensor b = ops::zeros({4});
  REQUIRE_THROWS_AS(ops::add(a, b), ValueError);
  REQUIRE_THROWS_WITH(ops::add(a, b), Catch::Contains("(2, 3)") && Catch::Contains("(4,)"));
  REQUIRE_THROWS_WITH(ops::matmul(ops::zeros({2, 3}), ops::zeros({4, 5})),
                      Catch::Contains("(2, 3)") && Catch::Contains("(4, 5)"));
}

TEST_CASE("matmul handles batches, vectors and broadcasting", "[ops][linalg]") {
  Tensor a = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  Tensor b = tensor<float>({1, 0, 0, 1, 1, 1}, {3, 2});
  require_values(ops::matmul(a, b), {4, 5, 10, 11}, {2, 2});
  Tensor v = tensor<float>({1, 1, 1}, {3});
  require_values(ops::matmul(a, v), {6, 15}, {2});
  Tensor batch = tensor<float>({1, 2, 3, 4, 5, 6, 2, 4, 6, 8, 10, 12}, {2, 2, 3});
  require_values(ops::matmul(batch, b), {4, 5, 10, 11, 8, 10, 20, 22}, {2, 2, 2});
}

TEST_CASE("reductions with axes and keepdims", "[ops][reduction]") {
  Tensor x = tensor<float>({1, 5, 3, 4, 2, 6}, {2, 3});
  require_values(ops::sum(x), {21}, {});
  require_values(ops::sum(x, 0), {5, 7, 9}, {3});
  require_values(ops::mean(x, 1, true), {3, 4}, {2, 1});
  require_values(ops::max(x, 1), {5, 6}, {2});
  require_values(ops::argmax(x, 1), {1, 2}, {2});
  CHECK(ops::argmax(x, 1).dtype() == DType::int32);
  require_values(ops::var(x, 1), {8.0 / 3, 8.0 / 3}, {2});
}

TEST_CASE("gradients of basic ops match central differences", "[autodiff]") {
  using testing::check_gradients;
  Tensor a = testing::random_tensor({3, 4}, 1);
  Tensor b = testing::random_tensor({4}, 2);
  Tensor m = testing::random_tensor({4, 2}, 3);
  check_gradients([](auto& v) { return ops::multiply(v[0], v[1]); }, {a, b});
  check_gradients([](auto& v) { return ops::divide(v[0], ops::add(v[1], 2.0)); }, {a, b});
  check_gradients([](auto& v) { return ops::matmul(v[0], v[1]); }, {a, m});
  check_gradients([](auto& v) { return ops::tanh(ops::exp(v[0])); }, {a});
  check_gradients([](auto& v) { return ops::max(v[0], 1); }, {a});
  check_gradients([](auto& v) { return ops::softmax(v[0], -1); }, {a});
  check_gradients([](auto& v) { return ops::transpose(v[0]); }, {a});
}

TEST_CASE("variables are watched automatically", "[autodiff]") {
  Variable w(tensor<float>({1, 2, 3}, {3}));
  GradientTape tape;
  Tensor loss = ops::sum(ops::square(w.value()));
  auto grads = tape.gradient(loss, std::vector<Variable>{w});
  require_values(grads[0], {2, 4, 6}, {3});
}

TEST_CASE("blas agrees with reference on matmul", "[backend]") {
  Tensor a = testing::random_tensor({17, 33}, 5, -1, 1, DType::float32);
  Tensor b = testing::random_tensor({33, 9}, 6, -1, 1, DType::float32);
  testing::check_backends_agree([](auto& v) { return ops::matmul(v[0], v[1]); }, {a, b});
}

TEST_CASE("large buffers are reused instead of returned to the system", "[backend]") {
  testing::BackendScope host("reference");  // the host allocator's cache
  backend::host_allocator::clear();
  const void* first;
  {
    Tensor big = ops::zeros({1024, 256});  // 1 MiB
    first = big.raw_data();
  }
  CHECK(backend::host_allocator::cached_bytes() >= 1024 * 256 * 4);
  Tensor again = ops::ones({1024, 256});
  CHECK(again.raw_data() == first);
  CHECK(ops::sum(again).item<double>() == 1024 * 256);
}

TEST_CASE("very large buffers go back to the system when freed", "[backend]") {
  testing::BackendScope host("reference");
  backend::host_allocator::clear();
  { Tensor dataset = ops::zeros({40, 1024, 1024}, DType::uint8); }  // 40 MiB
  CHECK(backend::host_allocator::cached_bytes() == 0);
}

TEST_CASE("a cached block up to half as large again serves a smaller request", "[backend]") {
  testing::BackendScope host("reference");
  backend::host_allocator::clear();
  const void* full_block;
  { full_block = ops::zeros({1024, 256}).raw_data(); }  // 1 MiB: an epoch's full batch
  {
    // A quarter of it would waste too much: a block of its own.
    Tensor small = ops::zeros({256, 256});
    CHECK(small.raw_data() != full_block);
  }
  Tensor last = ops::ones({768, 256});  // 0.75 MiB: the epoch's smaller last batch
  CHECK(last.raw_data() == full_block);
  CHECK(ops::sum(last).item<double>() == 768 * 256);
  // Released whole: the next full batch gets it back.
  last = Tensor();
  Tensor next = ops::zeros({1024, 256});
  CHECK(next.raw_data() == full_block);
  CHECK(ops::sum(next).item<double>() == 0.0);
}
