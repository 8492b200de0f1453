// keras::regularizers: penalties against Keras's formulas, configs, lookup and Spec.
#include <cmath>
#include <limits>

#include <keras/regularizers/regularizers.hpp>

#include "test_util.hpp"

using namespace keras;
namespace kr = keras::regularizers;

namespace {
// sum |w| = 10, sum w^2 = 30.
Tensor w() { return tensor<float>({1, -2, 3, -4}, {2, 2}); }
}  // namespace

TEST_CASE("L1, L2, L1L2 penalties: l1 * sum|w| + l2 * sum w^2 (no 1/2)", "[regularizers]") {
  Tensor l2 = kr::L2(0.1)(w());
  CHECK(l2.rank() == 0);
  CHECK(l2.dtype() == DType::float32);
  CHECK(l2.item<double>() == Approx(3.0).epsilon(1e-6));
  CHECK(kr::L1(0.1)(w()).item<double>() == Approx(1.0).epsilon(1e-6));
  CHECK(kr::L1L2(0.1, 0.2)(w()).item<double>() == Approx(1.0 + 6.0).epsilon(1e-6));
  CHECK(kr::L1L2({.l2 = 0.5})(w()).item<double>() == Approx(15.0).epsilon(1e-6));
  // Defaults: L1 and L2 0.01, L1L2 nothing at all (a zero of w's dtype).
  CHECK(kr::L2()(w()).item<double>() == Approx(0.3).epsilon(1e-6));
  Tensor zero = kr::L1L2()(ops::cast(w(), DType::float64));
  CHECK(zero.dtype() == DType::float64);
  CHECK(zero.item<double>() == 0.0);
  // float64 weights keep float64.
  CHECK(kr::L2(0.1)(ops::cast(w(), DType::float64)).dtype() == DType::float64);
}

TEST_CASE("L1 keeps its coefficient in float32, as Keras does", "[regularizers]") {
  // keras.regularizers.L1().get_config() == {"l1": 0.009999999776482582}
  kr::L1 l1;
  CHECK(l1.l1() == 0.009999999776482582);
  CHECK(
      kr::serialize(l1).dump() ==
      R"({"module": "keras.regularizers", "class_name": "L1", "config": {"l1": 0.009999999776482582}, "registered_name": null})");
  Tensor w64 = ops::cast(w(), DType::float64);
  CHECK(l1(w64).item<double>() == Approx(0.009999999776482582 * 10).epsilon(1e-14));
}

TEST_CASE("regularizer gradients: L1L2 gives l1 sign(w) + 2 l2 w", "[regularizers]") {
  kr::L1L2 reg(0.1, 0.2);
  testing::check_gradients([&](const std::vector<Tensor>& v) { return reg(v[0]); },
                           {tensor<double>({0.5, -1.5, 2.0, -0.25, 3.0, -0.75}, {2, 3})});
  kr::OrthogonalRegularizer orth({.factor = 0.3});
  testing::check_gradients([&](const std::vector<Tensor>& v) { return orth(v[0]); },
                           {tensor<double>({0.5, -1.5, 2.0, -0.25, 3.0, -0.75}, {2, 3})});
}

TEST_CASE("OrthogonalRegularizer matches Keras", "[regularizers]") {
  // keras 3.15.1 (JAX), w = [[1, 2, 0], [0.5, -1, 3]] float32:
  //   OrthogonalRegularizer()(w) = 0.0020952909253537655
  //   OrthogonalRegularizer(factor=0.5, mode="columns")(w) = 0.24907119572162628
  Tensor m = tensor<float>({1, 2, 0, 0.5f, -1, 3}, {2, 3});
  CHECK(kr::OrthogonalRegularizer()(m).item<double>() ==
        Approx(0.0020952909253537655).epsilon(1e-5));
  CHECK(kr::OrthogonalRegularizer({.factor = 0.5, .mode = "columns"})(m).item<double>() ==
        Approx(0.24907119572162628).epsilon(1e-5));
  // Orthogonal rows cost nothing.
  CHECK(kr::OrthogonalRegularizer()(tensor<float>({3, 0, 0, 0, 2, 0}, {2, 3})).item<double>() ==
        0.0);
  CHECK_THROWS_WITH(
      kr::OrthogonalRegularizer()(tensor<float>({1, 2, 3}, {3})),
      "Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=(3,)");
  CHECK_THROWS_WITH(
      kr::OrthogonalRegularizer({.mode = "diagonal"}),
      Catch::Contains("Expected one of {\"rows\", \"columns\"}. Received: mode=diagonal"));
}

TEST_CASE("regularizer coefficients must be non-negative and finite", "[regularizers]") {
  CHECK_THROWS_WITH(kr::L1(-1.0),
                    "Invalid value for argument l1: expected a non-negative float. "
                    "Received: l1=-1");
  CHECK_THROWS_AS(kr::L2(std::numeric_limits<double>::infinity()), ValueError);
  CHECK_THROWS_AS(kr::L1L2(0.1, std::nan("")), ValueError);
  CHECK_THROWS_AS(kr::OrthogonalRegularizer({.factor = -0.1}), ValueError);
}

TEST_CASE("regularizers::get, serialize, deserialize", "[regularizers]") {
  CHECK(kr::get("l2")->class_name() == "L2");
  CHECK(kr::get("L1")->class_name() == "L1");
  CHECK(kr::get("l1l2")->class_name() == "L1L2");
  CHECK(kr::get("l1_l2")->class_name() == "L1L2");
  CHECK(kr::get("orthogonal_regularizer")->class_name() == "OrthogonalRegularizer");
  CHECK(kr::get("l2")->get_config() == kr::L2().get_config());
  CHECK_THROWS_WITH(kr::get("l3"),
                    Catch::StartsWith("Could not interpret regularizer identifier: l3.") &&
                        Catch::Contains("l1, l1_l2, l1l2, l2"));

  // json.dumps(keras.regularizers.serialize(...)) with keras 3.15.1:
  CHECK(
      kr::serialize(kr::L1L2(0.1, 0.2)).dump() ==
      R"({"module": "keras.regularizers", "class_name": "L1L2", "config": {"l1": 0.1, "l2": 0.2}, "registered_name": null})");
  CHECK(
      kr::serialize(kr::L2()).dump() ==
      R"({"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null})");
  CHECK(
      kr::serialize(kr::OrthogonalRegularizer({.factor = 0.5, .mode = "columns"})).dump() ==
      R"({"module": "keras.regularizers", "class_name": "OrthogonalRegularizer", "config": {"factor": 0.5, "mode": "columns"}, "registered_name": null})");

  // Round trip through JSON text.
  const std::vector<std::shared_ptr<kr::Regularizer>> all = {
      std::make_shared<kr::L1>(0.3), std::make_shared<kr::L2>(0.02),
      std::make_shared<kr::L1L2>(0.001, 0.004),
      std::make_shared<kr::OrthogonalRegularizer>(
          kr::OrthogonalRegularizerOptions{0.2, "columns"})};
  for (const auto& reg : all) {
    INFO(reg->class_name());
    auto back = kr::deserialize(ConfigValue::parse(kr::serialize(*reg).dump()));
    CHECK(back->class_name() == reg->class_name());
    CHECK(back->get_config() == reg->get_config());
    CHECK((*back)(w()).item<double>() == (*reg)(w()).item<double>());
  }
  // A Keras 2 config (no module) and a bare name.
  auto k2 = std::dynamic_pointer_cast<kr::L1L2>(kr::deserialize(ConfigValue::parse(
      R"({"class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.009999999776482582}})")));
  REQUIRE(k2);
  CHECK(k2->l2() == 0.009999999776482582);
  CHECK(kr::deserialize(ConfigValue("l1"))->class_name() == "L1");
  CHECK_THROWS_AS(kr::deserialize(ConfigValue(2)), ValueError);
}

TEST_CASE("regularizers::Spec: none by default; names, objects, pointers", "[regularizers]") {
  kr::Spec none;
  CHECK_FALSE(none);
  CHECK(none.get() == nullptr);
  kr::Spec by_name = "l2";
  REQUIRE(by_name.get());
  CHECK(by_name.get()->class_name() == "L2");
  kr::Spec by_object = kr::L1L2({.l1 = 0.5});
  CHECK(by_object.get()->get_config() == ConfigValue::parse(R"({"l1": 0.5, "l2": 0.0})"));
  auto shared = std::make_shared<kr::L1>(0.25);
  kr::Spec by_pointer = shared;
  CHECK(by_pointer.get() == shared);
  CHECK_THROWS_AS(kr::Spec("l3"), ValueError);
}
