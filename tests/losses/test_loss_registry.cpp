// keras::losses identifiers, configs (compared with what Keras 3.15.1 get_config /
// serialize_keras_object print), deserialize round trips, losses::Spec and resolve().
#include <keras/losses/losses.hpp>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

namespace {

Tensor f32(std::vector<float> v, const Shape& s) { return tensor<float>(v, s); }

const Tensor kCt = f32({0, 1, 0, 0, 0, 1}, {2, 3});
const Tensor kLogits = f32({1, 2, 3, -1, 0.5f, 4}, {2, 3});

}  // namespace

TEST_CASE("get_config matches Keras key order and values", "[losses]") {
  CHECK(losses::MeanSquaredError().get_config().dump() ==
        R"({"name": "mean_squared_error", "reduction": "sum_over_batch_size"})");
  CHECK(losses::MeanAbsoluteError().get_config().dump() ==
        R"({"name": "mean_absolute_error", "reduction": "sum_over_batch_size"})");
  CHECK(
      losses::BinaryCrossentropy().get_config().dump() ==
      R"({"name": "binary_crossentropy", "reduction": "sum_over_batch_size", "from_logits": false, )"
      R"("label_smoothing": 0.0, "axis": -1})");
  CHECK(losses::CategoricalCrossentropy().get_config().dump() ==
        R"({"name": "categorical_crossentropy", "reduction": "sum_over_batch_size", )"
        R"("from_logits": false, "label_smoothing": 0.0, "axis": -1})");
  // Keras 3.15.1 writes neither SparseCategoricalCrossentropy's axis nor Huber's delta.
  CHECK(losses::SparseCategoricalCrossentropy({.ignore_class = 3, .axis = 1}).get_config().dump() ==
        R"({"name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size", )"
        R"("from_logits": false, "ignore_class": 3})");
  CHECK(losses::SparseCategoricalCrossentropy().get_config().at("ignore_class").is_null());
  CHECK(losses::Huber({.delta = 2.0}).get_config().dump() ==
        R"({"name": "huber_loss", "reduction": "sum_over_batch_size"})");
  CHECK(
      losses::serialize(losses::MeanSquaredError()).dump() ==
      R"({"module": "keras.losses", "class_name": "MeanSquaredError", "config": )"
      R"({"name": "mean_squared_error", "reduction": "sum_over_batch_size"}, "registered_name": null})");
  // compile("bce") -> LossFunctionWrapper(binary_crossentropy, name="bce"), serialized as Keras
  // does.
  auto wrapper = losses::LossFunctionWrapper(
      "binary_crossentropy", ConfigValue::Dict{{"from_logits", true}}, {.name = "bce"});
  CHECK(
      losses::serialize(wrapper).dump() ==
      R"({"module": "keras.src.losses.losses", "class_name": "LossFunctionWrapper", "config": )"
      R"({"name": "bce", "reduction": "sum_over_batch_size", "fn": {"module": "builtins", )"
      R"("class_name": "function", "config": "binary_crossentropy", "registered_name": "function"}, )"
      R"("from_logits": true}, "registered_name": "LossFunctionWrapper"})");
}

TEST_CASE("deserialize round-trips every loss", "[losses]") {
  std::vector<std::shared_ptr<losses::Loss>> all = {
      std::make_shared<losses::MeanSquaredError>(
          losses::MeanSquaredErrorOptions{.reduction = "sum", .name = "m"}),
      std::make_shared<losses::MeanAbsoluteError>(
          losses::MeanAbsoluteErrorOptions{.reduction = "none"}),
      std::make_shared<losses::BinaryCrossentropy>(losses::BinaryCrossentropyOptions{
          .from_logits = true, .label_smoothing = 0.25, .axis = 0}),
      std::make_shared<losses::CategoricalCrossentropy>(
          losses::CategoricalCrossentropyOptions{.from_logits = true, .label_smoothing = 0.1}),
      std::make_shared<losses::SparseCategoricalCrossentropy>(
          losses::SparseCategoricalCrossentropyOptions{
              .from_logits = true, .ignore_class = -1, .reduction = "mean_with_sample_weight"}),
      std::make_shared<losses::Huber>(losses::HuberOptions{.name = "h"}),
      std::make_shared<losses::LossFunctionWrapper>(
          "huber", ConfigValue::Dict{{"delta", 0.5}},
          losses::LossFunctionWrapperOptions{.name = "hub"}),
  };
  for (const auto& loss : all) {
    INFO(loss->class_name());
    ConfigValue json = ConfigValue::parse(losses::serialize(*loss).dump());
    auto again = losses::deserialize(json);
    CHECK(again->class_name() == loss->class_name());
    CHECK(again->get_config() == loss->get_config());
    CHECK(again->name() == loss->name());
  }
  // The wrapper's function keyword arguments survive: huber with delta 0.5.
  auto hub = losses::deserialize(ConfigValue::parse(losses::serialize(*all.back()).dump()));
  Tensor yt = f32({0, 0}, {1, 2}), yp = f32({2, 0.25f}, {1, 2});
  require_values((*hub)(yt, yp), {(0.5 * 2 - 0.125 + 0.5 * 0.0625) / 2}, {});
  // Lenient reading: keys Keras accepts as arguments, None / Keras 2 "auto" reductions.
  auto huber = losses::deserialize(ConfigValue::parse(
      R"({"class_name": "Huber", "config": {"name": "h", "reduction": null, "delta": 0.5}})"));
  CHECK(huber->reduction() == "none");
  CHECK(dynamic_cast<losses::Huber&>(*huber).delta() == 0.5);
  auto scce = losses::deserialize(ConfigValue::parse(
      R"({"class_name": "SparseCategoricalCrossentropy", "config": {"reduction": "auto", "axis": 0}})"));
  CHECK(scce->reduction() == "sum_over_batch_size");
  CHECK(dynamic_cast<losses::SparseCategoricalCrossentropy&>(*scce).axis() == 0);
  // A plain serialized function, and a string.
  auto fn = losses::deserialize(ConfigValue::parse(
      R"({"module": "builtins", "class_name": "function", "config": "huber", "registered_name": "function"})"));
  CHECK(fn->name() == "huber");
  CHECK(losses::deserialize(ConfigValue("mae"))->name() == "mae");
  CHECK_THROWS_AS(losses::deserialize(
                      ConfigValue::parse(R"({"class_name": "Huber", "config": {"delta": "one"}})")),
                  ValueError);
  CHECK_THROWS_WITH(
      losses::deserialize(ConfigValue::parse(R"({"class_name": "Nope", "config": {}})")),
      Catch::Contains("Nope") && Catch::Contains("MeanSquaredError"));
}

TEST_CASE("losses::get accepts Keras identifiers and lists them when unknown", "[losses]") {
  for (const char* id : {"mse", "MSE", "mean_squared_error"}) {
    auto loss = losses::get(id);
    CHECK(loss->class_name() == "LossFunctionWrapper");
    CHECK(loss->name() == id);  // compile() keeps the user's string
    require_values((*loss)(f32({0, 1}, {1, 2}), f32({1, 1}, {1, 2})), {0.5}, {});
  }
  CHECK(losses::get("MeanSquaredError")->name() == "mean_squared_error");
  CHECK(losses::get("Huber")->name() == "huber_loss");
  CHECK(losses::get("bce")->get_config().at("fn").at("config").as_string() ==
        "binary_crossentropy");
  for (const char* id :
       {"mae", "MAE", "mean_absolute_error", "binary_crossentropy", "BCE",
        "categorical_crossentropy", "sparse_categorical_crossentropy", "huber", "MeanAbsoluteError",
        "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy"})
    CHECK(losses::get(id) != nullptr);
  // Each call gives a new object.
  CHECK(losses::get("mse") != losses::get("mse"));
  CHECK_THROWS_WITH(losses::get("mean_sqared_error"),
                    Catch::Contains("Could not interpret loss identifier: mean_sqared_error") &&
                        Catch::Contains("mean_squared_error") &&
                        Catch::Contains("SparseCategoricalCrossentropy"));
  CHECK_THROWS_AS(losses::get("crossentropy"), ValueError);  // only compile's resolve knows it
  auto names = losses::all_names();
  CHECK(std::find(names.begin(), names.end(), "huber") != names.end());
  CHECK(std::find(names.begin(), names.end(), "MSE") != names.end());
}

TEST_CASE("reduction is validated as Keras does", "[losses]") {
  CHECK_THROWS_WITH(losses::MeanSquaredError({.reduction = "avg"}),
                    Catch::Contains("Invalid value for argument `reduction`") &&
                        Catch::Contains("Received: reduction=avg"));
  CHECK_THROWS_AS(losses::LossFunctionWrapper(losses::mean_squared_error, {.reduction = "auto"}),
                  ValueError);
  CHECK_NOTHROW(losses::Huber({.reduction = "mean_with_sample_weight"}));
}

namespace {
Tensor my_loss(const Tensor& y_true, const Tensor& y_pred) {
  return ops::sum(ops::abs(ops::subtract(y_true, y_pred)), -1);
}
// A user-defined loss class.
struct Doubled : losses::Loss {
  Doubled() : Loss("doubled") {}
  Tensor call(const Tensor& t, const Tensor& p) const override {
    return ops::multiply(losses::mean_squared_error(t, p), 2.0);
  }
  std::string class_name() const override { return "Doubled"; }
};
}  // namespace

TEST_CASE("losses::Spec takes strings, objects, shared losses and functions", "[losses]") {
  Tensor yt = f32({0, 1}, {1, 2}), yp = f32({1, 1}, {1, 2});
  losses::Spec from_literal = "mse";
  CHECK(from_literal.identifier() == "mse");
  CHECK(from_literal.get()->name() == "mse");
  losses::Spec from_string = std::string("Huber");
  CHECK(from_string.get()->class_name() == "Huber");

  losses::Spec from_object = losses::CategoricalCrossentropy({.from_logits = true, .name = "cce"});
  CHECK(from_object.identifier().empty());
  CHECK(from_object.get()->name() == "cce");
  CHECK(from_object.get() == from_object.get());  // the copy is held, not rebuilt

  auto shared = std::make_shared<Doubled>();
  losses::Spec from_shared = shared;
  CHECK(from_shared.get() == shared);
  require_values((*from_shared.get())(yt, yp), {1.0}, {});
  losses::Spec from_user_object = Doubled();
  CHECK(from_user_object.get()->class_name() == "Doubled");
  CHECK(losses::serialize(*from_user_object.get()).at("module").as_string() == "builtins");

  losses::Spec from_builtin_fn = losses::mean_squared_error;
  CHECK(from_builtin_fn.get()->name() == "mean_squared_error");
  CHECK(from_builtin_fn.get()->get_config().at("fn").at("config").as_string() ==
        "mean_squared_error");
  // Overloaded built-ins resolve to their two-argument (Keras defaults) overload.
  losses::Spec from_overloaded = losses::sparse_categorical_crossentropy;
  CHECK(from_overloaded.get()->name() == "sparse_categorical_crossentropy");
  require_values((*from_overloaded.get())(tensor<std::int32_t>({1, 2}, {2}), ops::softmax(kLogits)),
                 {0.7219377}, {});
  losses::Spec from_huber = losses::huber;
  CHECK(from_huber.get()->get_config().at("fn").at("config").as_string() == "huber");
  losses::Spec from_fn = my_loss;
  require_values((*from_fn.get())(yt, yp), {1.0}, {});
  losses::Spec from_lambda = [](const Tensor& t, const Tensor& p) {
    return ops::mean(ops::subtract(p, t), -1);
  };
  require_values((*from_lambda.get())(yt, yp), {0.5}, {});
  CHECK(from_lambda.get()->get_config().at("fn").is_null());

  losses::Spec empty;
  CHECK_FALSE(empty);
  CHECK(empty.get() == nullptr);
  // Unknown strings fail when the Spec is made (so compile() fails at once).
  CHECK_THROWS_WITH(losses::Spec("nope"),
                    Catch::Contains("nope") && Catch::Contains("mean_squared_error"));
  CHECK_NOTHROW(losses::Spec("CE"));
}

TEST_CASE("losses::resolve picks the crossentropy from the shapes", "[losses]") {
  auto fn_of = [](const std::shared_ptr<losses::Loss>& l) {
    return l->get_config().at("fn").at("config").as_string();
  };
  CHECK(fn_of(losses::resolve("crossentropy", {8, 1}, {8, 1})) == "binary_crossentropy");
  CHECK(fn_of(losses::resolve("ce", {8}, {8, 10})) == "sparse_categorical_crossentropy");
  CHECK(fn_of(losses::resolve("CE", {8, 1}, {8, 10})) == "sparse_categorical_crossentropy");
  auto cce = losses::resolve("Crossentropy", {8, 10}, {8, 10});
  CHECK(fn_of(cce) == "categorical_crossentropy");
  CHECK(cce->name() == "Crossentropy");
  require_values((*cce)(kCt, ops::softmax(kLogits)), {0.7219377}, {});
  CHECK(losses::resolve("mae", {8, 1}, {8, 1})->name() == "mae");
  CHECK(losses::resolve(losses::Spec(), {8}, {8}) == nullptr);
  CHECK(losses::is_binary_or_sparse_categorical({4}, {4, 1}) == std::pair<bool, bool>{true, true});
}
