// The one config reader every family reads its configs through: lenient about keys (older
// aliases, unread keys warned about), strict about the types of what it reads.
#include "src/core/config_reader.hpp"

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using namespace keras;
using keras::detail::ConfigReader;

TEST_CASE("ConfigReader reads typed arguments with their defaults", "[config_reader]") {
  const auto config = ConfigValue::parse(
      R"({"units": 3, "rate": 0.5, "steps": 10.0, "flag": true, "mode": "fan_in", "seed": null})");
  ConfigReader r(config, "Thing");
  CHECK(r.integer("units", 1) == 3);
  CHECK(r.number("rate", 0.0) == 0.5);
  CHECK(r.integer("steps", 0) == 10);  // Keras 1/2 JSON wrote some ints as floats
  CHECK(r.boolean("flag", false));
  CHECK(r.string("mode", "x") == "fan_in");
  CHECK_FALSE(r.optional_integer("seed"));
  CHECK(r.number("missing", 7.0) == 7.0);
  CHECK_FALSE(r.has("seed"));
  CHECK(r.present("seed"));
  capture::Redirect err(stderr);
  r.finish();
  CHECK(err.text().empty());
}

TEST_CASE("ConfigReader names the owner, the argument and both types on a wrong type",
          "[config_reader]") {
  const auto config = ConfigValue::parse(R"({"units": "three", "rate": [1], "steps": 2.5})");
  ConfigReader r(config, "Dense layer 'd'");
  CHECK_THROWS_WITH(r.integer("units", 1), Catch::Contains("Dense layer 'd'") &&
                                               Catch::Contains("`units` must be an int") &&
                                               Catch::Contains("a string, \"three\""));
  CHECK_THROWS_AS(r.number("rate", 0.0), ValueError);
  CHECK_THROWS_WITH(r.integer("steps", 0), Catch::Contains("a float, 2.5"));
  CHECK_THROWS_WITH(r.required_number("absent"),
                    Catch::Contains("Dense layer 'd'") && Catch::Contains("`absent`"));
  CHECK_THROWS_AS(ConfigReader(ConfigValue::parse("[1, 2]"), "Adam"), ValueError);
}

TEST_CASE("ConfigReader reads older aliases and warns about keys nothing read", "[config_reader]") {
  const auto config = ConfigValue::parse(
      R"({"lr": 0.1, "decay": 0.0, "momentom": 0.9, "fn": "huber", "delta": 2})");
  ConfigReader r(config, "SGD");
  const std::string key = r.alias({"learning_rate", "lr"});
  CHECK(key == "lr");
  CHECK(r.number(key, 0.0) == 0.1);
  r.ignore({"decay"});
  r.raw("fn");
  capture::Redirect err(stderr);
  r.finish();
  const std::string text = err.text();
  CHECK_THAT(text, Catch::Contains("UserWarning: SGD") && Catch::Contains("momentom") &&
                       Catch::Contains("delta"));
  CHECK_THAT(text, !Catch::Contains("decay") && !Catch::Contains("\"lr\""));
  // unread() hands the rest on (a wrapped function's kwargs) and counts them as read.
  ConfigReader again(config, "LossFunctionWrapper");
  again.raw("fn");
  CHECK(again.unread().size() == 4);
  capture::Redirect quiet(stderr);
  again.finish();
  CHECK(quiet.text().empty());
}

TEST_CASE("Every family reads configs leniently: an unknown key warns, a known one still works",
          "[config_reader]") {
  capture::Redirect err(stderr);
  auto sgd = optimizers::deserialize(
      ConfigValue::parse(R"({"class_name": "SGD", "config": {"momentum": 0.5, "momentom": 0.9}})"));
  auto huber = losses::deserialize(
      ConfigValue::parse(R"({"class_name": "Huber", "config": {"delta": 2.0, "bogus": 1}})"));
  auto acc = metrics::deserialize(ConfigValue::parse(
      R"({"class_name": "BinaryAccuracy", "config": {"threshold": 0.3, "extra": 1}})"));
  auto init = initializers::deserialize(ConfigValue::parse(
      R"({"class_name": "RandomNormal", "config": {"stddev": 2.0, "dtype": "float32", "odd": 1}})"));
  auto dense = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "Dense", "config": {"name": "d", "units": 2, "new_arg": 1}})"));
  const std::string text = err.text();
  CHECK(sgd->get_config().at("momentum").as_double() == 0.5);
  CHECK(dynamic_cast<losses::Huber&>(*huber).delta() == 2.0);
  CHECK(acc->get_config().at("threshold").as_double() == Approx(0.3));
  CHECK(init->get_config().at("stddev").as_double() == 2.0);
  CHECK(dense->get_config().at("units").as_int() == 2);
  CHECK_THAT(text, Catch::Contains("SGD") && Catch::Contains("momentom"));
  CHECK_THAT(text, Catch::Contains("Huber") && Catch::Contains("bogus"));
  CHECK_THAT(text, Catch::Contains("BinaryAccuracy") && Catch::Contains("extra"));
  CHECK_THAT(text, Catch::Contains("RandomNormal") && Catch::Contains("odd"));
  CHECK_THAT(text, !Catch::Contains("dtype"));  // tf.keras's initializer dtype is expected
  CHECK_THAT(text, Catch::Contains("Dense layer 'd'") && Catch::Contains("new_arg"));
  // Wrong types stay errors, naming the layer.
  CHECK_THROWS_WITH(layers::deserialize(ConfigValue::parse(
                        R"({"class_name": "Dense", "config": {"name": "d2", "units": "2"}})")),
                    Catch::Contains("Dense layer 'd2'") && Catch::Contains("units"));
}
