// keras::losses against Keras 3 itself (losses.json, written by
// tests/keras_oracle/generate_losses.py): each loss read from Keras's serialized form computes
// Keras's values and Keras's gradients (jax.grad) on every backend, with every reduction, sample
// weights and edge cases, and serializes back to the same JSON text; every name
// keras.losses.get accepts gives Keras's object.
#include <algorithm>
#include <cmath>
#include <sstream>

#include <keras/losses/losses.hpp>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

using testing::oracle::array;
using testing::oracle::shape_of;

// Float32 sums, logs and powers in another order than XLA's: a few ulps of the largest terms
// (circle's gamma=80 scales its logits' rounding by 80).
constexpr double kAtol = 2e-5, kRtol = 2e-5;

}  // namespace

TEST_CASE("losses compute Keras's values and gradients and serialize as Keras", "[losses]") {
  auto manifest = testing::oracle::manifest("losses.json", "generate_losses.py");
  const auto& cases = manifest.at("cases");
  REQUIRE(cases.size() >= 155);
  // The backends this build has (backends that other tests register for themselves are left
  // out: some decline kernels on purpose).
  std::vector<std::string> backends;
  std::stringstream expected(KERASPP_EXPECTED_BACKENDS);
  for (std::string name; std::getline(expected, name, ',');) backends.push_back(name);
  for (const auto& backend_name : backends) {
    testing::BackendScope scope(backend_name);
    for (const auto& c : cases) {
      INFO("[" << backend_name << "] case " << c.at("id").get<std::string>());
      const std::string keras_json = c.at("loss").get<std::string>();
      auto loss = losses::deserialize(ConfigValue::parse(keras_json));
      CHECK(losses::serialize(*loss).dump() == keras_json);
      Tensor y_true = array(c.at("y_true")), y_pred = array(c.at("y_pred"));
      Tensor sw = c.at("sample_weight").is_null() ? Tensor() : array(c.at("sample_weight"));

      GradientTape tape;
      Tensor p = tape.watch(y_pred);
      Tensor out = (*loss)(y_true, p, sw);
      CHECK(out.dtype() == DType::float32);
      testing::require_values(out, c.at("output").at("values").get<std::vector<double>>(),
                              shape_of(c.at("output")), kAtol, kRtol);
      if (c.at("grad").is_null()) continue;  // Keras's own gradient is not finite here
      Tensor g = tape.gradient(ops::sum(out), {p})[0];
      REQUIRE(g.defined());
      // Gradients scale with gamma (80 for circle) and 1/epsilon-sized terms: relative check.
      testing::require_values(g, c.at("grad").at("values").get<std::vector<double>>(),
                              shape_of(c.at("grad")), 1e-4, 1e-4);
    }
  }
}

TEST_CASE("losses::get knows every Keras name, and says so for an unknown one", "[losses]") {
  auto manifest = testing::oracle::manifest("losses.json", "generate_losses.py");
  const auto ours = losses::all_names();
  std::size_t classes = 0, functions = 0;
  for (const auto& [name, keras_json_text] : manifest.at("names").items()) {
    INFO("name " << name);
    // keras.losses.Loss is the abstract base: Keras's get() makes one whose call raises
    // NotImplementedError; ours is abstract and not a registered name.
    if (name == "Loss") continue;
    CHECK(std::find(ours.begin(), ours.end(), name) != ours.end());
    const ConfigValue keras_json = ConfigValue::parse(keras_json_text.get<std::string>());
    auto loss = losses::get(name);
    if (keras_json.at("class_name").as_string() == "function") {
      // Keras's get() returns the bare function; ours wraps it as compile() does, named as
      // written and calling the function Keras names.
      ++functions;
      CHECK(loss->class_name() == "LossFunctionWrapper");
      CHECK(loss->name() == name);
      CHECK(loss->get_config().at("fn") == keras_json);
      // And deserializing Keras's serialized function gives the same function.
      CHECK(losses::deserialize(keras_json)->get_config().at("fn") == keras_json);
    } else {
      ++classes;
      CHECK(losses::serialize(*loss).dump() == keras_json_text.get<std::string>());
    }
  }
  CHECK(classes >= 21);
  CHECK(functions >= 30);
  const std::string keras_message = manifest.at("unknown_name_error").get<std::string>();
  CHECK_THROWS_WITH(losses::get("no_such_loss"), Catch::StartsWith(keras_message));
  CHECK_THROWS_AS(losses::Spec("no_such_loss"), ValueError);
}

TEST_CASE("CategoricalGeneralizedCrossEntropy resolves only where Keras resolves it", "[losses]") {
  auto manifest = testing::oracle::manifest("losses.json", "generate_losses.py");
  // Keras exports it but leaves it out of ALL_OBJECTS: get() knows neither name...
  REQUIRE(manifest.at("not_by_name").size() == 2);
  for (const auto& [name, message] : manifest.at("not_by_name").items()) {
    INFO(name);
    CHECK_THROWS_WITH(losses::get(name), Catch::StartsWith(message.get<std::string>()));
    CHECK_THROWS_AS(losses::Spec(name), ValueError);
    const auto names = losses::all_names();
    CHECK(std::find(names.begin(), names.end(), name) == names.end());
  }
  // ...nor a dict without the module (Keras's losses.deserialize hands back the bare class
  // name string there; here it is a ValueError), while a saved config naming "keras.losses"
  // loads, as Keras's saving imports that module.
  const auto bare = ConfigValue::parse(
      R"({"class_name": "CategoricalGeneralizedCrossEntropy", "config": {"q": 0.3}})");
  CHECK_THROWS_AS(losses::deserialize(bare), ValueError);
  ConfigValue full = bare;
  full["module"] = "keras.losses";
  CHECK(losses::deserialize(full)->get_config().at("q").as_double() == 0.3);
  // q outside (0, 1): Keras's ValueError and message.
  REQUIRE(manifest.at("bad_q").size() == 4);
  for (const auto& [q, message] : manifest.at("bad_q").items()) {
    INFO("q=" << q);
    CHECK_THROWS_WITH(losses::CategoricalGeneralizedCrossEntropy({.q = std::stod(q)}),
                      message.get<std::string>());
  }
}
