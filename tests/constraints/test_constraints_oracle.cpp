// keras::constraints against Keras 3 itself (constraints.json, written by
// tests/keras_oracle/generate_constraints.py): each constraint read from Keras's serialized
// form projects Keras's weights to Keras's values on every backend and serializes back to the
// same JSON text; every name keras.constraints.get accepts gives Keras's object.
#include <algorithm>

#include <keras/constraints/constraints.hpp>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
namespace kc = keras::constraints;

namespace {

std::vector<std::int64_t> dims(const nlohmann::json& shape) {
  return shape.get<std::vector<std::int64_t>>();
}

}  // namespace

TEST_CASE("constraints project weights as Keras does and serialize as Keras", "[constraints]") {
  auto manifest = testing::oracle::manifest("constraints.json", "generate_constraints.py");
  const auto& cases = manifest.at("cases");
  REQUIRE(cases.size() >= 16);
  for (const auto& backend_name : backend::available()) {
    testing::BackendScope scope(backend_name);
    for (const auto& c : cases) {
      INFO("[" << backend_name << "] case " << c.at("id").get<std::string>());
      const std::string keras_json = c.at("constraint").get<std::string>();
      auto constraint = kc::deserialize(ConfigValue::parse(keras_json));
      CHECK(kc::serialize(*constraint).dump() == keras_json);
      const Shape shape(dims(c.at("shape")));
      Tensor w = tensor<float>(c.at("w").get<std::vector<float>>(), shape);
      Tensor out = (*constraint)(w);
      CHECK(out.dtype() == DType::float32);
      // Float32 sums of a few squares: a few ulps apart at most.
      testing::require_values(out, c.at("output").get<std::vector<double>>(), shape, 1e-6, 1e-5);
    }
  }
}

TEST_CASE("constraints::get knows every Keras name, and says so for an unknown one",
          "[constraints]") {
  auto manifest = testing::oracle::manifest("constraints.json", "generate_constraints.py");
  const auto ours = kc::all_names();
  for (const auto& [name, keras_json] : manifest.at("names").items()) {
    INFO("name " << name);
    CHECK(std::find(ours.begin(), ours.end(), name) != ours.end());
    CHECK(kc::serialize(*kc::get(name)).dump() == keras_json.get<std::string>());
  }
  const std::string keras_message = manifest.at("unknown_name_error").get<std::string>();
  CHECK_THROWS_WITH(kc::get("no_such_constraint"), Catch::StartsWith(keras_message));
  CHECK_THROWS_AS(kc::Spec("no_such_constraint"), ValueError);
}
