// initializers::get / serialize / deserialize / Spec.
#include <keras/initializers/initializers.hpp>

#include "test_util.hpp"

using namespace keras;
namespace ki = keras::initializers;

TEST_CASE("initializers::get knows every Keras name and alias", "[initializers]") {
  // Name -> class, as keras.initializers.get resolves it (keras 3.15.1 ALL_OBJECTS_DICT).
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"zeros", "Zeros"},
      {"zero", "Zeros"},
      {"Zeros", "Zeros"},
      {"ones", "Ones"},
      {"one", "Ones"},
      {"constant", "Constant"},
      {"identity", "Identity"},
      {"IdentityInitializer", "Identity"},
      {"uniform", "RandomUniform"},
      {"random_uniform", "RandomUniform"},
      {"normal", "RandomNormal"},
      {"random_normal", "RandomNormal"},
      {"truncated_normal", "TruncatedNormal"},
      {"variance_scaling", "VarianceScaling"},
      {"glorot_uniform", "GlorotUniform"},
      {"GlorotUniform", "GlorotUniform"},
      {"glorot_normal", "GlorotNormal"},
      {"he_uniform", "HeUniform"},
      {"he_normal", "HeNormal"},
      {"lecun_uniform", "LecunUniform"},
      {"lecun_normal", "LecunNormal"},
      {"orthogonal", "Orthogonal"},
      {"OrthogonalInitializer", "Orthogonal"},
  };
  for (const auto& [name, cls] : cases) {
    INFO(name);
    auto init = ki::get(name);
    REQUIRE(init != nullptr);
    CHECK(init->class_name() == cls);
    CHECK((*init)({4, 4}).shape() == Shape{4, 4});
  }
  // Defaults come through: "uniform" is RandomUniform(-0.05, 0.05).
  auto u = std::dynamic_pointer_cast<ki::RandomUniform>(ki::get("uniform"));
  REQUIRE(u);
  CHECK(u->minval() == -0.05);
  CHECK(u->maxval() == 0.05);
  // Every listed name resolves.
  for (const auto& name : ki::all_names()) CHECK_NOTHROW(ki::get(name));
  CHECK(ki::all_names().size() == 36);  // 15 classes, their snake_case names, 6 aliases
}

TEST_CASE("initializers::get rejects unknown names, listing the valid ones", "[initializers]") {
  CHECK_THROWS_AS(ki::get("glorot"), ValueError);
  CHECK_THROWS_WITH(ki::get("glorot"),
                    Catch::StartsWith("Could not interpret initializer identifier: glorot.") &&
                        Catch::Contains("glorot_uniform") && Catch::Contains("he_normal"));
  CHECK_THROWS_AS(ki::get("Glorot_Uniform"), ValueError);  // case-sensitive, as in Keras
}

TEST_CASE("initializers::serialize writes what Keras 3 writes", "[initializers]") {
  // Expected strings: json.dumps(keras.initializers.serialize(...)) with keras 3.15.1.
  CHECK(
      ki::serialize(ki::VarianceScaling()).dump() ==
      R"({"module": "keras.initializers", "class_name": "VarianceScaling", "config": {"seed": null, "scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal", "input_axes": null, "output_axes": null}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::RandomUniform({.seed = 3})).dump() ==
      R"({"module": "keras.initializers", "class_name": "RandomUniform", "config": {"seed": 3, "minval": -0.05, "maxval": 0.05}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::Constant(2.0)).dump() ==
      R"({"module": "keras.initializers", "class_name": "Constant", "config": {"value": 2.0}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::Orthogonal({.gain = 2.0, .seed = 1})).dump() ==
      R"({"module": "keras.initializers", "class_name": "Orthogonal", "config": {"seed": 1, "gain": 2.0}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::GlorotUniform()).dump() ==
      R"({"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null})");
  CHECK(
      ki::serialize(
          ki::HeNormal(
              {.seed = 5, .input_axes = std::vector<int>{0}, .output_axes = std::vector<int>{1}}))
          .dump() ==
      R"({"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": 5, "input_axes": [0], "output_axes": [1]}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::TruncatedNormal({.mean = 1.0, .stddev = 2.0})).dump() ==
      R"({"module": "keras.initializers", "class_name": "TruncatedNormal", "config": {"seed": null, "mean": 1.0, "stddev": 2.0}, "registered_name": null})");
  CHECK(
      ki::serialize(ki::Zeros()).dump() ==
      R"({"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null})");
}

TEST_CASE("initializers config round trip: deserialize(serialize(x)) has x's config and values",
          "[initializers]") {
  std::vector<std::shared_ptr<ki::Initializer>> all = {
      std::make_shared<ki::Zeros>(),
      std::make_shared<ki::Ones>(),
      std::make_shared<ki::Constant>(-1.5),
      std::make_shared<ki::Identity>(3.0),
      std::make_shared<ki::RandomUniform>(ki::RandomUniformOptions{-2.0, 5.0, 9}),
      std::make_shared<ki::RandomNormal>(ki::RandomNormalOptions{1.0, 0.3, 9}),
      std::make_shared<ki::TruncatedNormal>(ki::TruncatedNormalOptions{-1.0, 0.2, 9}),
      std::make_shared<ki::VarianceScaling>(ki::VarianceScalingOptions{
          0.7, "fan_out", "untruncated_normal", 9, std::vector<int>{1}, std::vector<int>{0}}),
      std::make_shared<ki::GlorotUniform>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::GlorotNormal>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::HeUniform>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::HeNormal>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::LecunUniform>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::LecunNormal>(ki::ScalingPresetOptions{9}),
      std::make_shared<ki::Orthogonal>(ki::OrthogonalOptions{0.5, 9}),
  };
  for (const auto& init : all) {
    INFO(init->class_name());
    const ConfigValue s = ki::serialize(*init);
    // Through JSON text, as a saved file would carry it.
    auto back = ki::deserialize(ConfigValue::parse(s.dump()));
    CHECK(back->class_name() == init->class_name());
    CHECK(back->get_config() == init->get_config());
    // Seeded (or deterministic): the same values.
    CHECK((*back)({6, 5}).to_vector<float>() == (*init)({6, 5}).to_vector<float>());
  }
}

TEST_CASE("initializers::deserialize reads names and older Keras configs", "[initializers]") {
  CHECK(ki::deserialize(ConfigValue("he_uniform"))->class_name() == "HeUniform");
  // tf.keras 2 wrote "dtype" inside some configs and "normal" for truncated_normal.
  auto vs = std::dynamic_pointer_cast<ki::VarianceScaling>(ki::deserialize(ConfigValue::parse(
      R"({"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_in", "distribution": "normal", "seed": null, "dtype": "float32"}})")));
  REQUIRE(vs);
  CHECK(vs->scale() == 2.0);
  CHECK(vs->distribution() == "truncated_normal");
  CHECK_FALSE(vs->seed().has_value());
  // Missing config: defaults.
  auto o = std::dynamic_pointer_cast<ki::Orthogonal>(
      ki::deserialize(ConfigValue::parse(R"({"class_name": "Orthogonal"})")));
  REQUIRE(o);
  CHECK(o->gain() == 1.0);
  CHECK_THROWS_WITH(ki::deserialize(ConfigValue::parse(R"({"class_name": "Nope", "config": {}})")),
                    Catch::Contains("Could not interpret initializer identifier: Nope"));
  CHECK_THROWS_AS(ki::deserialize(ConfigValue(3)), ValueError);
  CHECK_THROWS_AS(ki::deserialize(ConfigValue::parse(
                      R"({"class_name": "GlorotUniform", "config": {"seed": "x"}})")),
                  ValueError);
}

TEST_CASE("initializers::Spec: names build a fresh initializer per get(), objects are shared",
          "[initializers]") {
  ki::Spec none;
  CHECK_FALSE(none);
  CHECK(none.get() == nullptr);

  ki::Spec by_name = "he_normal";
  auto a = by_name.get(), b = by_name.get();
  CHECK(a->class_name() == "HeNormal");
  CHECK(a != b);  // like two Keras layers each calling initializers.get("he_normal")
  CHECK(ki::Spec(std::string("zeros")).get()->class_name() == "Zeros");

  ki::Spec by_object = ki::Orthogonal({.gain = 2.0});
  CHECK(by_object.get() == by_object.get());
  CHECK(by_object.get()->get_config().at("gain") == ConfigValue(2.0));

  auto shared = std::make_shared<ki::Constant>(4.0);
  ki::Spec by_pointer = shared;
  CHECK(by_pointer.get() == shared);
  std::shared_ptr<ki::Initializer> base = shared;
  CHECK(ki::Spec(base).get() == shared);

  CHECK_THROWS_AS(ki::Spec("glorot"), ValueError);  // fails where it is written
}
