// concatenate, stack, split, slice, take, take_along_axis, scatter, scatter_add, one_hot, pad,
// tile, repeat, flip: values checked by hand against NumPy, gradients against central
// differences, backends against reference, and error messages.
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;
using testing::check_backends_agree;
using testing::check_gradients;
using testing::require_values;

namespace {

// 0, 1, 2, ... in the given shape and dtype.
Tensor iota(const Shape& shape, DType dtype = DType::float32) {
  return ops::cast(ops::reshape(ops::arange(static_cast<double>(shape.size())), shape), dtype);
}

Tensor ints(std::vector<std::int32_t> v, const Shape& shape) { return tensor(v, shape); }

}  // namespace

TEST_CASE("concatenate joins along any axis and promotes dtypes", "[shape]") {
  Tensor a = tensor<float>({1, 2, 3, 4}, {2, 2});
  Tensor b = tensor<float>({5, 6}, {1, 2});
  require_values(ops::concatenate({a, b}), {1, 2, 3, 4, 5, 6}, {3, 2});
  Tensor c = ints({7, 8}, {2, 1});
  Tensor ac = ops::concatenate({a, c}, -1);
  CHECK(ac.dtype() == DType::float32);
  require_values(ac, {1, 2, 7, 3, 4, 8}, {2, 3});
  Tensor i64 = tensor<std::int64_t>({9}, {1});
  Tensor i32 = ints({1, 2}, {2});
  Tensor ii = ops::concatenate({i32, i64});
  CHECK(ii.dtype() == DType::int64);
  require_values(ii, {1, 2, 9}, {3});
  Tensor u = ops::concatenate({bool_tensor({1, 0}, {2}), tensor<std::uint8_t>({7}, {1})});
  CHECK(u.dtype() == DType::uint8);
  require_values(u, {1, 0, 7}, {3});
  // An empty piece contributes nothing; a single input comes back unchanged.
  require_values(ops::concatenate({ops::zeros({2, 0}), a}, 1), {1, 2, 3, 4}, {2, 2});
  require_values(ops::concatenate({a}, 1), {1, 2, 3, 4}, {2, 2});
  require_values(ops::concatenate({a, a, b}, 0), {1, 2, 3, 4, 1, 2, 3, 4, 5, 6}, {5, 2});
}

TEST_CASE("concatenate rejects mismatched inputs", "[shape]") {
  Tensor a = ops::zeros({2, 2});
  REQUIRE_THROWS_AS(ops::concatenate({a, ops::zeros({2, 3})}), ValueError);
  REQUIRE_THROWS_WITH(ops::concatenate({a, ops::zeros({2, 3})}),
                      Contains("concatenate") && Contains("(2, 2)") && Contains("(2, 3)"));
  REQUIRE_THROWS_WITH(ops::concatenate({a, ops::zeros({2})}, 0),
                      Contains("same rank") && Contains("(2,)"));
  REQUIRE_THROWS_WITH(ops::concatenate({a, a}, 2), Contains("axis 2") && Contains("rank 2"));
  REQUIRE_THROWS_WITH(ops::concatenate({}), Contains("at least one"));
  REQUIRE_THROWS_AS(ops::concatenate({ops::zeros({}), ops::zeros({})}), ValueError);
}

TEST_CASE("stack adds a new axis", "[shape]") {
  Tensor a = tensor<float>({1, 2}, {2});
  Tensor b = tensor<float>({3, 4}, {2});
  require_values(ops::stack({a, b}), {1, 2, 3, 4}, {2, 2});
  require_values(ops::stack({a, b}, -1), {1, 3, 2, 4}, {2, 2});
  require_values(ops::stack({a, b}, 1), {1, 3, 2, 4}, {2, 2});
  Tensor m = iota({2, 2});
  require_values(ops::stack({m, m}, 1), {0, 1, 0, 1, 2, 3, 2, 3}, {2, 2, 2});
  require_values(ops::stack({scalar(5), scalar(6)}), {5, 6}, {2});
  CHECK(ops::stack({a, ints({1, 1}, {2})}).dtype() == DType::float32);
  REQUIRE_THROWS_AS(ops::stack({a, ops::zeros({3})}), ValueError);
  REQUIRE_THROWS_WITH(ops::stack({a, ops::zeros({3})}),
                      Contains("stack") && Contains("(2,)") && Contains("(3,)"));
  REQUIRE_THROWS_WITH(ops::stack({a, b}, 2), Contains("stack") && Contains("axis 2"));
}

TEST_CASE("split into equal sections or at indices", "[shape]") {
  auto parts = ops::split(iota({6}), 3);
  REQUIRE(parts.size() == 3);
  require_values(parts[0], {0, 1}, {2});
  require_values(parts[2], {4, 5}, {2});
  auto cols = ops::split(iota({2, 4}), 2, -1);
  REQUIRE(cols.size() == 2);
  require_values(cols[1], {2, 3, 6, 7}, {2, 2});
  // NumPy slice rules: negative indices count from the end, out-of-order ones give empties.
  auto odd = ops::split(iota({6}), std::vector<std::int64_t>{4, 2, -1, 10}, 0);
  REQUIRE(odd.size() == 5);
  require_values(odd[0], {0, 1, 2, 3}, {4});
  require_values(odd[1], {}, {0});
  require_values(odd[2], {2, 3, 4}, {3});
  require_values(odd[3], {5}, {1});
  require_values(odd[4], {}, {0});
  auto rows = ops::split(iota({3, 2}, DType::int32), std::vector<std::int64_t>{1}, 0);
  CHECK(rows[1].dtype() == DType::int32);
  require_values(rows[1], {2, 3, 4, 5}, {2, 2});

  REQUIRE_THROWS_AS(ops::split(iota({5}), 2), ValueError);
  REQUIRE_THROWS_WITH(ops::split(iota({5}), 2),
                      Contains("equal division") && Contains("(5,)") && Contains("2 sections"));
  REQUIRE_THROWS_WITH(ops::split(iota({4}), 0), Contains("larger than 0"));
  REQUIRE_THROWS_WITH(ops::split(iota({4}), 2, 1), Contains("split") && Contains("axis 1"));
}

TEST_CASE("slice takes a window; -1 runs to the end", "[shape]") {
  Tensor x = iota({3, 4});
  require_values(ops::slice(x, {1, 1}, {2, -1}), {5, 6, 7, 9, 10, 11}, {2, 3});
  require_values(ops::slice(x, {0, 3}, {3, 1}), {3, 7, 11}, {3, 1});
  require_values(ops::slice(x, {2, 0}, {0, 4}), {}, {0, 4});
  require_values(ops::slice(x, {0, 0}, {-1, -1}), x.to_vector<double>(), {3, 4});
  require_values(ops::slice(iota({4}, DType::int64), {1}, {2}), {1, 2}, {2});
  REQUIRE_THROWS_AS(ops::slice(x, {2, 0}, {2, 4}), ValueError);
  REQUIRE_THROWS_WITH(ops::slice(x, {2, 0}, {2, 4}),
                      Contains("slice") && Contains("(3, 4)") && Contains("[2, 0]"));
  REQUIRE_THROWS_WITH(ops::slice(x, {-1, 0}, {1, 1}), Contains("does not fit"));
  REQUIRE_THROWS_WITH(ops::slice(x, {0}, {1}),
                      Contains("one entry per axis") && Contains("(3, 4)"));
}

TEST_CASE("take gathers along an axis, wraps negatives, flattens for None", "[shape]") {
  Tensor x = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  require_values(ops::take(x, ints({2, 0, -1}, {3}), 1), {3, 1, 3, 6, 4, 6}, {2, 3});
  require_values(ops::take(x, ints({0, 5, -2, 1}, {2, 2})), {1, 6, 5, 2}, {2, 2});
  require_values(ops::take(x, tensor<std::int64_t>({1}, {1}), -2), {4, 5, 6}, {1, 3});
  require_values(ops::take(x, tensor<std::uint8_t>({1, 1}, {2}), 0), {4, 5, 6, 4, 5, 6}, {2, 3});
  // A scalar index removes the axis; indices of rank 2 insert two.
  require_values(ops::take(x, ints({1}, {}), 0), {4, 5, 6}, {3});
  require_values(ops::take(x, ints({0, 1, 1, 0}, {2, 2}), 1), {1, 2, 2, 1, 4, 5, 5, 4}, {2, 2, 2});
  require_values(ops::take(x, ints({}, {0}), 1), {}, {2, 0});
  Tensor xi = iota({4}, DType::int32);
  CHECK(ops::take(xi, ints({3}, {1})).dtype() == DType::int32);

  REQUIRE_THROWS_AS(ops::take(x, ints({3}, {1}), 1), ValueError);
  REQUIRE_THROWS_WITH(ops::take(x, ints({3}, {1}), 1),
                      Contains("take") && Contains("index 3") && Contains("axis 1 with size 3"));
  REQUIRE_THROWS_WITH(ops::take(x, ints({-4}, {1}), 1), Contains("index -4"));
  REQUIRE_THROWS_WITH(ops::take(x, ints({0}, {1}), 2), Contains("axis 2") && Contains("(2, 3)"));
  REQUIRE_THROWS_AS(ops::take(x, tensor<float>({0}, {1}), 0), TypeError);
}

TEST_CASE("take_along_axis picks per-position indices and broadcasts", "[shape]") {
  Tensor x = tensor<float>({10, 30, 20, 60, 40, 50}, {2, 3});
  require_values(ops::take_along_axis(x, ints({0, 2, 1, -1}, {2, 2}), 1), {10, 20, 40, 50}, {2, 2});
  Tensor r = iota({2, 3});
  require_values(ops::take_along_axis(r, ints({1, 0, 1}, {1, 3}), 0), {3, 1, 5}, {1, 3});
  // indices broadcast over rows; x broadcasts over the indices' rows.
  require_values(ops::take_along_axis(r, ints({0, 2, 1}, {1, 3}), 1), {0, 2, 1, 3, 5, 4}, {2, 3});
  require_values(ops::take_along_axis(iota({1, 3}), ints({0, 2}, {2, 1}), 1), {0, 2}, {2, 1});
  // argmax-style use: indices with a size-1 axis.
  Tensor am = ops::expand_dims(ops::argmax(x, 1), 1);
  require_values(ops::take_along_axis(x, am, 1), {30, 60}, {2, 1});

  REQUIRE_THROWS_AS(ops::take_along_axis(x, ints({0, 1}, {2}), 1), ValueError);
  REQUIRE_THROWS_WITH(ops::take_along_axis(x, ints({0, 1}, {2}), 1),
                      Contains("same rank") && Contains("(2, 3)") && Contains("(2,)"));
  REQUIRE_THROWS_WITH(ops::take_along_axis(x, ints({0, 3}, {1, 2}), 1),
                      Contains("index 3") && Contains("size 3"));
  REQUIRE_THROWS_WITH(ops::take_along_axis(x, ints({0, 0, 0}, {3, 1}), 1),
                      Contains("broadcast") && Contains("(3, 1)"));
}

TEST_CASE("scatter builds zeros with accumulated values", "[shape]") {
  Tensor idx = ints({0, 1, 1, 1, 0, 1}, {3, 2});
  require_values(ops::scatter(idx, tensor<float>({1, 2, 3}, {3}), {2, 2}), {0, 4, 0, 2}, {2, 2});
  // k = 1 indexes whole rows; negative indices wrap.
  require_values(ops::scatter(ints({-1}, {1, 1}), tensor<float>({5, 6}, {1, 2}), {2, 2}),
                 {0, 0, 5, 6}, {2, 2});
  Tensor si = ops::scatter(ints({2}, {1, 1}), ints({7}, {1}), {3});
  CHECK(si.dtype() == DType::int32);
  require_values(si, {0, 0, 7}, {3});
  REQUIRE_THROWS_AS(ops::scatter(ints({2, 0}, {1, 2}), tensor<float>({1}, {1}), {2, 2}),
                    ValueError);
  REQUIRE_THROWS_WITH(ops::scatter(ints({2, 0}, {1, 2}), tensor<float>({1}, {1}), {2, 2}),
                      Contains("scatter") && Contains("index 2") && Contains("size 2"));
  REQUIRE_THROWS_WITH(ops::scatter(idx, tensor<float>({1, 2}, {2}), {2, 2}),
                      Contains("(3,)") && Contains("(2,)"));
  REQUIRE_THROWS_WITH(ops::scatter(ints({0, 0, 0}, {1, 3}), tensor<float>({1}, {1}), {2, 2}),
                      Contains("(1, 3)") && Contains("(2, 2)"));
}

TEST_CASE("scatter_add adds updates along an axis", "[shape]") {
  Tensor x = ops::zeros({2, 3});
  Tensor u = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  require_values(ops::scatter_add(x, ints({0, 2, 0}, {3}), u, 1), {4, 0, 2, 10, 0, 5}, {2, 3});
  require_values(ops::scatter_add(ops::ones({3}), ints({1, -2}, {2}), 5.0), {1, 11, 1}, {3});
  require_values(ops::scatter_add(iota({2, 2}), ints({1}, {1}), tensor<float>({10, 20}, {1, 2}), 0),
                 {0, 1, 12, 23}, {2, 2});
  CHECK(ops::scatter_add(iota({2}, DType::int32), ints({0}, {1}), ints({1}, {1})).dtype() ==
        DType::int32);
  REQUIRE_THROWS_AS(ops::scatter_add(x, ints({0}, {1}), u, 1), ValueError);
  REQUIRE_THROWS_WITH(ops::scatter_add(x, ints({0}, {1}), u, 1),
                      Contains("scatter_add") && Contains("(2, 1)") && Contains("(2, 3)"));
  REQUIRE_THROWS_WITH(ops::scatter_add(x, ints({3}, {1}), 1.0, 1), Contains("index 3"));
}

TEST_CASE("one_hot encodes along a new axis; out of range is a zero row", "[shape]") {
  Tensor x = ints({0, 2, -1, 3}, {4});
  require_values(ops::one_hot(x, 3), {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, {4, 3});
  require_values(ops::one_hot(x, 3, 0), {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, {3, 4});
  Tensor m = ops::one_hot(ints({0, 1, 2, 0}, {2, 2}), 3, 1, DType::int32);
  CHECK(m.dtype() == DType::int32);
  require_values(m, {1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0}, {2, 3, 2});
  require_values(ops::one_hot(tensor<float>({0, 1.5, 2}, {3}), 3), {1, 0, 0, 0, 0, 0, 0, 0, 1},
                 {3, 3});
  CHECK(ops::one_hot(x, 2, -1, DType::bool_).dtype() == DType::bool_);
  require_values(ops::one_hot(ints({1}, {}), 2), {0, 1}, {2});
  REQUIRE_THROWS_AS(ops::one_hot(x, 3, 2), ValueError);
  REQUIRE_THROWS_WITH(ops::one_hot(x, 3, 2), Contains("one_hot") && Contains("axis 2"));
  REQUIRE_THROWS_WITH(ops::one_hot(x, -1), Contains("num_classes"));
}

TEST_CASE("pad in constant, reflect and symmetric modes", "[shape]") {
  Tensor x = tensor<float>({1, 2, 3, 4}, {2, 2});
  require_values(ops::pad(x, {{1, 0}, {0, 2}}, "constant", 9), {9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9},
                 {3, 4});
  require_values(ops::pad(x, {{1, 1}}), {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0}, {4, 4});
  Tensor v = tensor<float>({1, 2, 3, 4}, {4});
  require_values(ops::pad(v, {{2, 3}}, "reflect"), {3, 2, 1, 2, 3, 4, 3, 2, 1}, {9});
  require_values(ops::pad(v, {{2, 3}}, "symmetric"), {2, 1, 1, 2, 3, 4, 4, 3, 2}, {9});
  // Pads wider than the axis keep mirroring (NumPy's result for these).
  require_values(ops::pad(tensor<float>({1, 2, 3}, {3}), {{5, 0}}, "reflect"),
                 {2, 1, 2, 3, 2, 1, 2, 3}, {8});
  require_values(ops::pad(tensor<float>({1, 2}, {2}), {{0, 5}}, "symmetric"), {1, 2, 2, 1, 1, 2, 2},
                 {7});
  require_values(ops::pad(tensor<float>({7}, {1}), {{2, 1}}, "reflect"), {7, 7, 7, 7}, {4});
  require_values(ops::pad(iota({2, 3}), {{1, 0}, {0, 2}}, "symmetric"),
                 {0, 1, 2, 2, 1, 0, 1, 2, 2, 1, 3, 4, 5, 5, 4}, {3, 5});
  Tensor xi = ops::pad(ints({1, 2}, {2}), {{1, 1}}, "constant", 7);
  CHECK(xi.dtype() == DType::int32);
  require_values(xi, {7, 1, 2, 7}, {4});
  require_values(ops::pad(scalar(5), {{1, 1}}), {5}, {});

  REQUIRE_THROWS_AS(ops::pad(x, {{1, 1}, {1, 1}, {1, 1}}), ValueError);
  REQUIRE_THROWS_WITH(ops::pad(x, {{1, 1}, {1, 1}, {1, 1}}),
                      Contains("pad") && Contains("(2, 2)") && Contains("3 pairs"));
  REQUIRE_THROWS_WITH(ops::pad(x, {{-1, 0}}), Contains("non-negative") && Contains("(-1, 0)"));
  REQUIRE_THROWS_WITH(ops::pad(x, {{1, 1}}, "wrapped"), Contains("'wrapped'"));
  REQUIRE_THROWS_WITH(ops::pad(ops::zeros({0, 2}), {{1, 1}}, "reflect"),
                      Contains("empty axis 0") && Contains("(0, 2)"));
}

TEST_CASE("tile and repeat copy elements", "[shape]") {
  Tensor v = tensor<float>({1, 2, 3}, {3});
  require_values(ops::tile(v, {2}), {1, 2, 3, 1, 2, 3}, {6});
  require_values(ops::tile(v, {2, 1}), {1, 2, 3, 1, 2, 3}, {2, 3});
  Tensor m = tensor<float>({1, 2, 3, 4}, {2, 2});
  require_values(ops::tile(m, {2}), {1, 2, 1, 2, 3, 4, 3, 4}, {2, 4});
  require_values(ops::tile(m, {2, 1}), {1, 2, 3, 4, 1, 2, 3, 4}, {4, 2});
  require_values(ops::tile(v, {0}), {}, {0});
  require_values(ops::tile(scalar(4), {}), {4}, {});
  CHECK(ops::tile(ints({1}, {1}), {3}).dtype() == DType::int32);
  REQUIRE_THROWS_AS(ops::tile(v, {-1}), ValueError);
  REQUIRE_THROWS_WITH(ops::tile(v, {2, -1}), Contains("tile") && Contains("[2, -1]"));

  require_values(ops::repeat(m, 2), {1, 1, 2, 2, 3, 3, 4, 4}, {8});
  require_values(ops::repeat(m, 2, 0), {1, 2, 1, 2, 3, 4, 3, 4}, {4, 2});
  require_values(ops::repeat(m, 2, -1), {1, 1, 2, 2, 3, 3, 4, 4}, {2, 4});
  require_values(ops::repeat(m, 0, 1), {}, {2, 0});
  require_values(ops::repeat(scalar(3), 3), {3, 3, 3}, {3});
  REQUIRE_THROWS_AS(ops::repeat(m, -1), ValueError);
  REQUIRE_THROWS_WITH(ops::repeat(m, 2, 2), Contains("repeat") && Contains("axis 2"));
}

TEST_CASE("flip reverses the given axes", "[shape]") {
  Tensor x = iota({2, 3});
  require_values(ops::flip(x), {5, 4, 3, 2, 1, 0}, {2, 3});
  require_values(ops::flip(x, 0), {3, 4, 5, 0, 1, 2}, {2, 3});
  require_values(ops::flip(x, -1), {2, 1, 0, 5, 4, 3}, {2, 3});
  require_values(ops::flip(x, {0, 1}), {5, 4, 3, 2, 1, 0}, {2, 3});
  Tensor xi = ops::flip(iota({3}, DType::int64));
  CHECK(xi.dtype() == DType::int64);
  require_values(xi, {2, 1, 0}, {3});
  require_values(ops::flip(ops::zeros({0, 2}), 0), {}, {0, 2});
  REQUIRE_THROWS_AS(ops::flip(x, 2), ValueError);
  REQUIRE_THROWS_WITH(ops::flip(x, 2), Contains("flip") && Contains("(2, 3)"));
  REQUIRE_THROWS_WITH(ops::flip(x, {0, 0}), Contains("flip") && Contains("Repeated"));
}

TEST_CASE("gradients of shape ops match central differences", "[shape][autodiff]") {
  Tensor a = testing::random_tensor({2, 3}, 11);
  Tensor b = testing::random_tensor({2, 2}, 12);
  Tensor v = testing::random_tensor({4}, 13);
  check_gradients([](auto& t) { return ops::concatenate({t[0], t[1], t[0]}, -1); }, {a, b});
  check_gradients([](auto& t) { return ops::stack({t[0], t[1]}, 1); }, {a, ops::negative(a)});
  check_gradients([](auto& t) { return ops::split(t[0], 3, 1)[1]; }, {a});
  check_gradients(
      [](auto& t) {
        auto p = ops::split(t[0], std::vector<std::int64_t>{1, 3}, 0);
        return ops::concatenate({p[2], p[0], p[1]});
      },
      {v});
  check_gradients([](auto& t) { return ops::slice(t[0], {1, 1}, {1, -1}); }, {a});
  // Repeated indices make the gradient accumulate.
  Tensor idx = ints({2, 0, 2, -1}, {2, 2});
  check_gradients([idx](auto& t) { return ops::take(t[0], idx, 1); }, {a});
  check_gradients([idx](auto& t) { return ops::take(t[0], idx); }, {a});
  check_gradients(
      [](auto& t) {
        return ops::take_along_axis(t[0], ints({1, 1, 0}, {1, 3}), 0);
      },
      {a});
  check_gradients(
      [](auto& t) {
        return ops::take_along_axis(t[0], ints({0, 2, 2}, {3, 1}), 1);
      },
      {testing::random_tensor({1, 3}, 14)});
  check_gradients(
      [](auto& t) {
        return ops::scatter(ints({1, 0, 1}, {3, 1}), t[0], {2, 2});
      },
      {testing::random_tensor({3, 2}, 15)});
  check_gradients(
      [](auto& t) {
        return ops::scatter_add(t[0], ints({0, 2, 0}, {3}), t[1], 1);
      },
      {a, testing::random_tensor({2, 3}, 16)});
  check_gradients(
      [](auto& t) {
        return ops::scatter_add(t[0], ints({1, 1}, {2}), t[1], 0);
      },
      {v, testing::random_tensor({}, 17)});
  for (std::string mode : {"constant", "reflect", "symmetric"}) {
    INFO("pad mode " << mode);
    check_gradients([mode](auto& t) { return ops::pad(t[0], {{2, 1}, {4, 3}}, mode, 0.5); }, {a});
  }
  check_gradients([](auto& t) { return ops::tile(t[0], {2, 1, 3}); }, {a});
  check_gradients([](auto& t) { return ops::repeat(t[0], 3, 1); }, {a});
  check_gradients([](auto& t) { return ops::repeat(t[0], 2); }, {a});
  check_gradients([](auto& t) { return ops::flip(t[0], 1); }, {a});
  check_gradients([](auto& t) { return ops::flip(t[0]); }, {a});
  // Through a dtype promotion: float32 inputs get float32 gradients.
  {
    GradientTape tape;
    Tensor f = tape.watch(tensor<float>({1, 2}, {2}));
    Tensor y = ops::concatenate({f, ints({3}, {1})});
    auto g = tape.gradient(ops::sum(ops::multiply(y, tensor<float>({2, 3, 4}, {3}))),
                           std::vector<Tensor>{f});
    CHECK(g[0].dtype() == DType::float32);
    require_values(g[0], {2, 3}, {2});
  }
}

TEST_CASE("shape ops agree across backends", "[shape][backend]") {
  Tensor a = testing::random_tensor({3, 4}, 21, -1, 1, DType::float32);
  Tensor b = testing::random_tensor({3, 2}, 22, -1, 1, DType::float32);
  check_backends_agree([](auto& t) { return ops::concatenate({t[0], t[1]}, 1); }, {a, b});
  check_backends_agree([](auto& t) { return ops::stack({t[0], t[0]}, -1); }, {a});
  check_backends_agree([](auto& t) { return ops::split(t[0], 2, 1)[1]; }, {a});
  check_backends_agree([](auto& t) { return ops::slice(t[0], {1, 0}, {2, 3}); }, {a});
  check_backends_agree([](auto& t) { return ops::take(t[0], ints({3, -1, 0}, {3}), 1); }, {a});
  check_backends_agree(
      [](auto& t) {
        return ops::take_along_axis(t[0], ints({2, 0, 1}, {3, 1}), 1);
      },
      {a});
  check_backends_agree(
      [](auto& t) {
        return ops::scatter(ints({0, 2, 0}, {3, 1}), t[0], {4, 2});
      },
      {b});
  check_backends_agree(
      [](auto& t) {
        return ops::scatter_add(t[0], ints({1, 1}, {2}), t[1], 1);
      },
      {b, testing::random_tensor({3, 2}, 23, -1, 1, DType::float32)});
  check_backends_agree([](auto&) { return ops::one_hot(ints({0, 3, 1, 9}, {4}), 4); }, {a});
  check_backends_agree(
      [](auto& t) {
        return ops::pad(t[0], {{1, 2}, {3, 0}}, "constant", 2);
      },
      {a});
  check_backends_agree([](auto& t) { return ops::pad(t[0], {{4, 2}}, "reflect"); }, {a});
  check_backends_agree([](auto& t) { return ops::pad(t[0], {{4, 2}}, "symmetric"); }, {a});
  check_backends_agree([](auto& t) { return ops::tile(t[0], {2, 3}); }, {a});
  check_backends_agree([](auto& t) { return ops::repeat(t[0], 2, 0); }, {a});
  check_backends_agree([](auto& t) { return ops::flip(t[0], 0); }, {a});
}
