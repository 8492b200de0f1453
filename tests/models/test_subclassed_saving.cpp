// Subclassed models save and load: their weights (.weights.h5) always, the whole model
// (.keras) when their class is registered, as in Keras; clone_model goes through the same
// registration. Also the custom-object scopes' rules: inner shadows outer, and scopes end.
#include <filesystem>

#include "io/custom_objects_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() /
         ("keraspp_subclassed_" + std::to_string(::getpid()) + "_" + name);
}

// A subclassed model whose config holds its constructor's argument, so it can be rebuilt.
class TwoDenseNet : public Model {
 public:
  explicit TwoDenseNet(std::int64_t hidden_units, const ModelOptions& options = {})
      : Model(options),
        hidden_units_(hidden_units),
        hidden_(hidden_units, {.activation = "relu", .name = "hidden"}) {}
  Tensor call(const Tensor& x, bool training) override {
    return out_(hidden_(x, training), training);
  }
  ConfigValue get_config() const override {
    ConfigValue config = Model::get_config();
    config["hidden_units"] = hidden_units_;
    return config;
  }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<TwoDenseNet>(
        config.at("hidden_units").as_int(),
        ModelOptions{config.at("name").as_string(), config.get("trainable", true).as_bool()});
  }
  std::string class_name() const override { return "TwoDenseNet"; }

 private:
  std::int64_t hidden_units_;
  layers::Dense hidden_;
  layers::Dense out_{2, {.name = "out"}};
};

// The same network under another name, registered for the whole program as Keras's
// register_keras_serializable(package="Custom") would.
class GlobalNet : public TwoDenseNet {
 public:
  using TwoDenseNet::TwoDenseNet;
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalNet>(config.at("hidden_units").as_int(),
                                       ModelOptions{config.at("name").as_string()});
  }
  std::string class_name() const override { return "GlobalNet"; }
};

const Tensor& inputs() {
  static const Tensor x = testing::random_tensor({5, 3}, 4, -1, 1, DType::float32);
  return x;
}

template <class Net>
ModelHandle<Net> built_net() {
  auto net = make_model<Net>(4, ModelOptions{.name = "net"});
  net.predict(inputs(), {.verbose = 0});  // builds it
  return net;
}

Tensor predict(const ModelHandle<>& model) {
  return model.predict(inputs(), {.verbose = 0}).values()[0];
}

}  // namespace

TEST_CASE("a subclassed model's weights save and load into a new instance") {
  auto net = built_net<TwoDenseNet>();
  fs::path p = temp_path("net.weights.h5");
  net->save_weights(p.string());
  auto other = built_net<TwoDenseNet>();
  CHECK_FALSE(predict(other).to_vector<float>() == predict(net).to_vector<float>());
  other->load_weights(p.string());
  testing::require_close(predict(other), predict(net));
  fs::remove(p);
}

TEST_CASE("a subclassed model saves to .keras and loads back when its class is given") {
  auto net = built_net<TwoDenseNet>();
  net.compile({.optimizer = "adam", .loss = "mse"});
  fs::path p = temp_path("net.keras");
  net->save(p.string());
  saving::CustomObjects objects{.layers = {{"TwoDenseNet", &TwoDenseNet::from_config}}};
  auto loaded = models::load_model(p.string(), {.custom_objects = objects});
  CHECK(loaded->class_name() == "TwoDenseNet");
  CHECK(loaded->to_json() == net->to_json());
  CHECK(loaded->compiled());
  testing::require_close(predict(loaded), predict(net));

  // Unregistered: the named error, with the file.
  CHECK_THROWS_WITH(models::load_model(p.string()),
                    Catch::Contains("Could not locate class 'TwoDenseNet' (layer 'net')") &&
                        Catch::Contains(p.string()) && Catch::Contains("Registered layers: "));
  fs::remove(p);
}

TEST_CASE("register_layer under a package>Name writes and reads that registered_name") {
  layers::register_layer({.class_name = "Custom>GlobalNet",
                          .group = "models",  // a model: kept out of the layer tables
                          .from_config = &GlobalNet::from_config});
  auto net = built_net<GlobalNet>();
  ConfigValue serialized = layers::serialize(*net);
  CHECK(serialized.at("class_name") == ConfigValue("GlobalNet"));
  CHECK(serialized.at("registered_name") == ConfigValue("Custom>GlobalNet"));
  CHECK(serialized.at("module").is_null());  // as Keras writes a custom class
  fs::path p = temp_path("global.keras");
  net->save(p.string());
  auto loaded = models::load_model(p.string());
  CHECK(loaded->class_name() == "GlobalNet");
  testing::require_close(predict(loaded), predict(net));
  fs::remove(p);
}

TEST_CASE("clone_model rebuilds a subclassed model through its registered class") {
  auto net = built_net<TwoDenseNet>();
  CHECK_THROWS_WITH(models::clone_model(*net), Catch::Contains("'TwoDenseNet'"));
  saving::CustomObjectScope scope({.layers = {{"TwoDenseNet", &TwoDenseNet::from_config}}});
  auto clone = models::clone_model(*net);
  CHECK(clone->to_json() == net->to_json());
  CHECK(clone.ptr() != net.ptr());
  CHECK_THROWS_WITH(
      models::clone_model(*net,
                          {.clone_function = [](const std::shared_ptr<Layer>& l) { return l; }}),
      Catch::Contains("only supported for Sequential models or Functional models"));
}

TEST_CASE("an inner CustomObjectScope shadows an outer one until it ends") {
  const std::string json =
      R"({"class_name": "Sequential", "config": {"name": "s", "layers": [
           {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "in"}},
           {"class_name": "MyDense", "config": {"name": "mine", "units": 2}}]}})";
  CHECK_THROWS_WITH(models::model_from_json(json),
                    Catch::Contains("Could not locate class 'MyDense'"));
  saving::CustomObjectScope outer({.layers = {{"MyDense", &testing::MyDense::from_config}}});
  CHECK(models::model_from_json(json)->get_layer("mine")->class_name() == "MyDense");
  {
    saving::CustomObjectScope inner(
        {.layers = {{"MyDense", [](const ConfigValue&) -> std::shared_ptr<Layer> {
                       throw ValueError("the inner scope's MyDense");
                     }}}});
    CHECK_THROWS_WITH(models::model_from_json(json), Catch::Contains("the inner scope's MyDense"));
    // The error names the scope's classes among the registered ones.
  }
  CHECK(models::model_from_json(json)->get_layer("mine")->class_name() == "MyDense");
}
