// Custom objects and Lambda layers in files Keras 3 saved (custom_objects.json, from
// tests/keras_oracle/generate_custom_objects.py): a custom layer and loss load through their
// C++ twins and predict / evaluate as Keras did; without the twins, and for every form of
// Lambda, a ValueError that names the class, the layer and the file.
#include "io/custom_objects_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

std::string oracle_file(const nlohmann::json& name) {
  return (testing::oracle_dir() / name.get<std::string>()).string();
}

nlohmann::json custom_objects_manifest() {
  return testing::oracle::manifest("custom_objects.json", "generate_custom_objects.py");
}

// The loaded model predicts and evaluates as Keras did.
void check_against_keras(ModelHandle<> model, const nlohmann::json& c) {
  REQUIRE(model->compiled());
  Tensor x = testing::oracle::npy(c.at("x").get<std::string>());
  Tensor y = testing::oracle::npy(c.at("y").get<std::string>());
  testing::require_close(model.predict(x, {.verbose = 0}).values()[0],
                         testing::oracle::npy(c.at("predictions").get<std::string>()), 1e-5, 1e-5);
  auto logs = model.evaluate(x, y, {.batch_size = 8, .verbose = 0});
  CHECK(testing::is_close(logs["loss"], c.at("loss").get<double>(), 1e-5, 1e-5));
}

}  // namespace

TEST_CASE("a Keras .keras with a registered custom layer and loss loads with custom_objects") {
  auto c = custom_objects_manifest().at("my_dense");
  auto model =
      models::load_model(oracle_file(c.at("keras")), {.custom_objects = testing::keras_twins()});
  CHECK(model->get_layer("my_dense")->class_name() == "MyDense");
  check_against_keras(model, c);
}

TEST_CASE("a Keras legacy .h5 with custom classes loads inside a CustomObjectScope") {
  // Keras's legacy writer puts the registered name in class_name ("Custom>MyDense").
  auto c = custom_objects_manifest().at("my_dense");
  saving::CustomObjectScope scope(testing::keras_twins());
  check_against_keras(models::load_model(oracle_file(c.at("h5"))), c);
}

TEST_CASE("a Keras file with an unknown custom class names the class, the layer and the file") {
  auto c = custom_objects_manifest().at("my_dense");
  for (const auto& file : {oracle_file(c.at("keras")), oracle_file(c.at("h5"))}) {
    INFO(file);
    try {
      models::load_model(file);
      FAIL("loaded a model whose custom layer is registered nowhere");
    } catch (const ValueError& e) {
      const std::string what = e.what();
      INFO(what);
      CHECK(what.find("MyDense") != std::string::npos);
      CHECK(what.find("'my_dense'") != std::string::npos);
      CHECK(what.find(file) != std::string::npos);
      CHECK(what.find("Registered layers: ") != std::string::npos);
      CHECK(what.find("Dense") != std::string::npos);
    }
  }
}

TEST_CASE("the custom layer alone loads the model uncompiled; its custom loss is then needed") {
  auto c = custom_objects_manifest().at("my_dense");
  const std::string file = oracle_file(c.at("keras"));
  saving::CustomObjects layer_only{.layers = {{"Custom>MyDense", &testing::MyDense::from_config}}};
  auto model = models::load_model(file, {.compile = false, .custom_objects = layer_only});
  CHECK_FALSE(model->compiled());
  CHECK_THROWS_WITH(models::load_model(file, {.custom_objects = layer_only}),
                    Catch::Contains("ScaledMSE"));
}

TEST_CASE("Lambda layers saved by Keras are refused in every form, never run") {
  auto m = custom_objects_manifest();
  for (const auto& name : m.at("lambda_files")) {
    const std::string file = oracle_file(name);
    INFO(file);
    CHECK_THROWS_MATCHES(models::load_model(file), ValueError,
                         Catch::Matchers::Predicate<ValueError>([&](const ValueError& e) {
                           std::string what = e.what();
                           return what.find(file) != std::string::npos &&
                                  what.find("Lambda layer 'my_lambda'") != std::string::npos &&
                                  what.find("never executes") != std::string::npos;
                         }));
  }
  const std::map<std::string, std::string> forms = {
      {"keras3_lambda", "a Python lambda as marshalled bytecode"},
      {"keras3_named_function", "the Python function 'Custom>double_it'"},
      {"keras2_bytecode_list", "Python bytecode"}};
  for (const auto& [form, description] : forms) {
    INFO(form);
    const std::string json = m.at("lambda_json").at(form).get<std::string>();
    CHECK_THROWS_WITH(models::model_from_json(json),
                      Catch::Contains("Lambda layer 'my_lambda' carries " + description + ".") &&
                          Catch::Contains("keras::layers::register_layer"));
  }
}
