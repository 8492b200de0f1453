// keras::constraints: arguments and their errors, configs of every Keras generation, Spec,
// subclassing, and where they act (add_weight, the optimizer, Dense's config). The values
// themselves are compared with Keras in test_constraints_oracle.cpp.
#include <cmath>
#include <limits>

#include <keras/constraints/constraints.hpp>

#include "test_util.hpp"

// Options structs are filled with designated initializers; GCC's -Wextra warns about the members
// left out (they are value-initialized).
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

using namespace keras;
namespace kc = keras::constraints;

namespace {

// Clips every entry to [-limit, limit]: a user's constraint with an argument.
class Clip : public kc::Constraint {
 public:
  explicit Clip(double limit) : limit_(limit) {}
  Tensor operator()(const Tensor& w) const override { return ops::clip(w, -limit_, limit_); }
  ConfigValue get_config() const override { return ConfigValue::Dict{{"limit", limit_}}; }

 private:
  double limit_;
};

}  // namespace

TEST_CASE("constraint configs keep ints, floats, lists and None as given", "[constraints]") {
  CHECK(kc::MaxNorm().get_config().dump() == R"({"max_value": 2, "axis": 0})");
  CHECK(kc::MaxNorm({.max_value = 2.5, .axis = {0, 1}}).get_config().dump() ==
        R"({"max_value": 2.5, "axis": [0, 1]})");
  CHECK(kc::MaxNorm({.axis = {0}}).get_config().dump() == R"({"max_value": 2, "axis": [0]})");
  CHECK(kc::MaxNorm({.max_value = 3, .axis = {}}).get_config().dump() ==
        R"({"max_value": 3, "axis": null})");
  CHECK(kc::MinMaxNorm({.min_value = 1, .max_value = 4, .rate = 0.5, .axis = -1})
            .get_config()
            .dump() == R"({"min_value": 1, "max_value": 4, "rate": 0.5, "axis": -1})");
  CHECK(kc::UnitNorm(2).get_config().dump() == R"({"axis": 2})");
  CHECK(kc::NonNeg().get_config().dump() == "{}");
  CHECK(kc::MaxNorm({.max_value = 0.5}).max_value() == 0.5);
}

TEST_CASE("bad constraint arguments are ValueErrors saying what was expected", "[constraints]") {
  CHECK_THROWS_WITH(kc::MaxNorm({.max_value = -1}),
                    "Invalid value for argument max_value: expected a non-negative float. "
                    "Received: max_value=-1");
  CHECK_THROWS_AS(kc::MaxNorm({.max_value = std::nan("")}), ValueError);
  CHECK_THROWS_AS(kc::MaxNorm({.max_value = std::numeric_limits<double>::infinity()}), ValueError);
  CHECK_THROWS_WITH(kc::MinMaxNorm({.min_value = 2.0, .max_value = 1.0}),
                    "Invalid values for MinMaxNorm: min_value must not exceed max_value. "
                    "Received: min_value=2.0, max_value=1.0");
  CHECK_THROWS_WITH(kc::MinMaxNorm({.rate = 1.5}),
                    "Invalid value for argument rate: expected a number between 0 and 1. "
                    "Received: rate=1.5");
  CHECK_THROWS_AS(kc::MinMaxNorm({.min_value = -0.5}), ValueError);
  // An axis the weight does not have, named with the constraint and the weight's shape.
  Tensor w = ops::ones({3, 4});
  CHECK_THROWS_WITH(kc::MaxNorm({.axis = 2})(w),
                    "MaxNorm: axis 2 is out of range for a weight of shape (3, 4) (rank 2)");
  CHECK_THROWS_WITH(kc::UnitNorm({0, -3})(w),
                    "UnitNorm: axis -3 is out of range for a weight of shape (3, 4) (rank 2)");
  CHECK_THROWS_AS(kc::MinMaxNorm({.axis = 5})(w), ValueError);
}

TEST_CASE("deserialize reads Keras 3, Keras 2 and Keras 1 forms", "[constraints]") {
  // Keras 2 / tf.keras: no module.
  auto k2 = std::dynamic_pointer_cast<kc::MaxNorm>(kc::deserialize(
      ConfigValue::parse(R"({"class_name": "MaxNorm", "config": {"max_value": 4, "axis": 0}})")));
  REQUIRE(k2);
  CHECK(k2->max_value() == 4.0);
  // Keras 1's names and MaxNorm's "m".
  auto k1 = std::dynamic_pointer_cast<kc::MaxNorm>(
      kc::deserialize(ConfigValue::parse(R"({"class_name": "maxnorm", "config": {"m": 3}})")));
  REQUIRE(k1);
  CHECK(kc::serialize(*k1).at("config").dump() == R"({"max_value": 3, "axis": 0})");
  CHECK(kc::deserialize(ConfigValue("nonneg"))->class_name() == "NonNeg");
  CHECK(kc::deserialize(ConfigValue("unitnorm"))->class_name() == "UnitNorm");
  CHECK(kc::get("min_max_norm")->class_name() == "MinMaxNorm");
  // A missing or null config means the defaults; unknown keys are ignored.
  CHECK(kc::deserialize(ConfigValue::parse(R"({"class_name": "UnitNorm"})"))->get_config() ==
        kc::UnitNorm().get_config());
  CHECK(kc::deserialize(
            ConfigValue::parse(R"({"class_name": "MinMaxNorm", "config": {"rate": 0.5, "x": 1}})"))
            ->get_config()
            .dump() == R"({"min_value": 0.0, "max_value": 1.0, "rate": 0.5, "axis": 0})");

  CHECK_THROWS_WITH(kc::deserialize(ConfigValue(2)),
                    Catch::StartsWith("Could not interpret constraint config"));
  CHECK_THROWS_WITH(
      kc::deserialize(ConfigValue::parse(R"({"class_name": "MaxNorm", "config": [1]})")),
      Catch::Contains("must be a dict. Received: [1]"));
  CHECK_THROWS_WITH(kc::deserialize(ConfigValue::parse(
                        R"({"class_name": "MaxNorm", "config": {"max_value": "big"}})")),
                    "Invalid value for argument max_value: expected a number. Received: "
                    "max_value=\"big\"");
  CHECK_THROWS_WITH(kc::deserialize(ConfigValue::parse(
                        R"({"class_name": "UnitNorm", "config": {"axis": "rows"}})")),
                    Catch::StartsWith("Invalid value for argument axis"));
  CHECK_THROWS_WITH(kc::deserialize(ConfigValue::parse(R"({"class_name": "Clip"})")),
                    Catch::StartsWith("Could not interpret constraint identifier: Clip."));
}

TEST_CASE("constraints::Spec: none by default; names, objects, pointers", "[constraints]") {
  kc::Spec none;
  CHECK_FALSE(none);
  CHECK(none.get() == nullptr);
  kc::Spec by_name = "max_norm";
  REQUIRE(by_name.get());
  CHECK(by_name.get()->class_name() == "MaxNorm");
  CHECK(by_name.get() != by_name.get());  // a fresh object per get, as Keras's get
  kc::Spec by_object = kc::UnitNorm(1);
  CHECK(by_object.get()->get_config().dump() == R"({"axis": 1})");
  auto shared = std::make_shared<kc::NonNeg>();
  kc::Spec by_pointer = shared;
  CHECK(by_pointer.get() == shared);
  CHECK_THROWS_WITH(kc::Spec("max_nrom"),
                    Catch::StartsWith("Could not interpret constraint identifier: max_nrom.") &&
                        Catch::Contains("max_norm, maxnorm, min_max_norm"));
}

TEST_CASE("a subclassed constraint: named after its class, applied after each update",
          "[constraints]") {
  Clip clip(0.1);
  CHECK(clip.class_name() == "Clip");
  CHECK(
      kc::serialize(clip).dump() ==
      R"({"module": "keras.constraints", "class_name": "Clip", "config": {"limit": 0.1}, "registered_name": null})");
  // The base class is Keras's identity constraint.
  Tensor w = tensor<float>({1, -2, 3, -4}, {2, 2});
  testing::require_values(kc::Constraint()(w), {1, -2, 3, -4}, {2, 2}, 0, 0);
  CHECK(kc::Constraint().class_name() == "Constraint");

  layers::Dense dense(2, {.kernel_constraint = clip, .bias_constraint = "non_neg"});
  dense(ops::ones({1, 3}));
  REQUIRE(dense->kernel().constraint());
  CHECK(dense->kernel().constraint()->class_name() == "Clip");
  CHECK(dense->bias().constraint()->class_name() == "NonNeg");
  // One SGD step with gradients that push the kernel past the limit and the bias below 0.
  optimizers::SGD sgd({.learning_rate = 1.0});
  sgd->apply({ops::full({3, 2}, -5.0), ops::ones({2})}, {dense->kernel(), dense->bias()});
  const auto kernel = dense->kernel().value().to_vector<double>();
  for (double v : kernel) CHECK(v == Approx(0.1));
  testing::require_values(dense->bias().value(), {0, 0}, {2}, 0, 0);
}

TEST_CASE("the optimizer projects only the variables it updated", "[constraints]") {
  Variable constrained(tensor<float>({0.5f, 0.5f}, {2}), true, "constrained");
  constrained.set_constraint(std::make_shared<kc::NonNeg>());
  Variable untouched(tensor<float>({-1.0f, 2.0f}, {2}), true, "untouched");
  untouched.set_constraint(std::make_shared<kc::NonNeg>());
  optimizers::SGD sgd({.learning_rate = 1.0});
  // No gradient for `untouched` (Keras drops None gradients): it keeps its negative entry.
  sgd->apply({tensor<float>({1.0f, -1.0f}, {2}), Tensor()}, {constrained, untouched});
  testing::require_values(constrained.value(), {0.0, 1.5}, {2}, 0, 0);
  testing::require_values(untouched.value(), {-1.0, 2.0}, {2}, 0, 0);
}

TEST_CASE("Dense writes its constraints into its config and reads them back", "[constraints]") {
  layers::Dense dense(3, {.kernel_constraint = kc::MaxNorm({.max_value = 1.5, .axis = {0}}),
                          .bias_constraint = "unit_norm"});
  const ConfigValue config = dense->get_config();
  CHECK(
      config.at("kernel_constraint").dump() ==
      R"({"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 1.5, "axis": [0]}, "registered_name": null})");
  CHECK(config.at("bias_constraint").at("class_name").as_string() == "UnitNorm");
  auto again = layers::DenseImpl::from_config(config);
  CHECK(again->get_config() == config);
  // Without constraints both keys are null, as Keras writes them.
  CHECK(layers::Dense(2)->get_config().at("kernel_constraint").is_null());
  CHECK(layers::Dense(2)->get_config().at("bias_constraint").is_null());
}

TEST_CASE("a Keras 1 layer config's W_constraint / b_constraint become Keras 3 constraints",
          "[constraints]") {
  // Keras 1 wrote each constraint's get_config: {"name": class, arguments...}.
  auto layer = layers::deserialize(ConfigValue::parse(R"({"class_name": "Dense", "config": {
      "name": "dense_1", "output_dim": 4, "input_dim": 3, "init": "glorot_uniform",
      "W_constraint": {"name": "MaxNorm", "m": 2.5, "axis": 0},
      "b_constraint": {"name": "NonNeg"}, "activation": "linear", "bias": true}})"));
  const ConfigValue config = layer->get_config();
  CHECK(config.at("kernel_constraint").at("config").dump() == R"({"max_value": 2.5, "axis": 0})");
  CHECK(config.at("bias_constraint").at("class_name").as_string() == "NonNeg");
}
