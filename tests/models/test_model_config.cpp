// Model configs: our to_json() equals Keras 3's for the same models (configs.json, written by
// tests/keras_oracle/generate_configs.py), model_from_json rebuilds models from Keras's JSON and
// from Keras 1 / Keras 2 / tf.keras forms, and bad configs are ValueErrors.
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

// The first place two configs differ ("" when equal), as a path into the config.
std::string first_difference(const ConfigValue& got, const ConfigValue& want,
                             const std::string& path = "$") {
  if (got.is_dict() && want.is_dict()) {
    const auto& g = got.as_dict();
    const auto& w = want.as_dict();
    for (std::size_t i = 0; i < std::max(g.size(), w.size()); ++i) {
      if (i >= g.size()) return path + ": missing key \"" + w[i].first + "\"";
      if (i >= w.size()) return path + ": extra key \"" + g[i].first + "\"";
      if (g[i].first != w[i].first)
        return path + ": key #" + std::to_string(i) + " is \"" + g[i].first + "\", Keras has \"" +
               w[i].first + "\"";
      std::string d = first_difference(g[i].second, w[i].second, path + "." + g[i].first);
      if (!d.empty()) return d;
    }
    return "";
  }
  if (got.is_list() && want.is_list()) {
    if (got.size() != want.size())
      return path + ": " + std::to_string(got.size()) + " entries, Keras has " +
             std::to_string(want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      std::string d = first_difference(got.as_list()[i], want.as_list()[i],
                                       path + "[" + std::to_string(i) + "]");
      if (!d.empty()) return d;
    }
    return "";
  }
  if (got == want) return "";
  return path + ": " + got.dump() + ", Keras has " + want.dump();
}

ModelHandle<> mlp_functional() {
  auto x = Input({4}, {.name = "x"});
  auto h = layers::Dense(3, {.activation = "relu", .name = "d1"})(x);
  h = layers::Dropout(0.5, {.name = "drop"})(h);
  auto y = layers::Dense(2, {.name = "d2"})(h);
  return make_model<Model>(x, y, ModelOptions{.name = "f1"});
}

ModelHandle<> shared_nested_multi_io() {
  auto a = Input({4}, {.name = "a"});
  auto b = Input({4}, {.name = "b"});
  auto shared = layers::Dense(3, {.name = "shared"});
  auto inner_in = Input({3}, {.name = "inner_in"});
  auto inner = make_model<Model>(inner_in, layers::Dense(2, {.name = "inner_d"})(inner_in),
                                 ModelOptions{.name = "inner"});
  auto ya = layers::Identity({.name = "after_inner"})(inner(shared(a)));
  auto yb = shared(b);
  return make_model<Model>(KerasTensors{{"a", a}, {"b", b}}, KerasTensors{ya, yb},
                           ModelOptions{.name = "f2"});
}

ModelHandle<> nested_sequential() {
  auto a = Input({4}, {.name = "a"});
  auto seq = make_model<Sequential>(
      std::vector<SequentialEntry>{Input({4}, {.name = "sin"}), layers::Dense(2, {.name = "sd"})},
      ModelOptions{.name = "seq"});
  auto z = seq(a);
  return make_model<Model>(KerasTensors{a}, KerasTensors{{"z", z}}, ModelOptions{.name = "f3"});
}

ModelHandle<> sequential() {
  return make_model<Sequential>(
      std::vector<SequentialEntry>{
          Input({2, 3}, {.name = "grid"}), layers::Flatten({.name = "flat"}),
          layers::Dense(4, {.activation = "tanh", .use_bias = false, .name = "hidden"}),
          layers::Reshape({2, 2}, {.name = "square"}),
          layers::Activation("softmax", {.name = "probs"})},
      ModelOptions{.name = "seq_model"});
}

ModelHandle<> constrained() {
  namespace kc = keras::constraints;
  return make_model<Sequential>(
      std::vector<SequentialEntry>{
          Input({4}, {.name = "features"}),
          layers::Dense(3, {.kernel_constraint = kc::MaxNorm({.max_value = 3, .axis = {0}}),
                            .bias_constraint = "non_neg",
                            .name = "d1"}),
          layers::Dense(2, {.kernel_constraint = kc::MinMaxNorm({0.5, 2.0, 0.25}),
                            .bias_constraint = kc::UnitNorm(kc::Axis()),
                            .name = "d2"})},
      ModelOptions{.name = "constrained"});
}

const std::map<std::string, ModelHandle<> (*)()>& cases() {
  static const std::map<std::string, ModelHandle<> (*)()> c = {
      {"mlp_functional", mlp_functional},
      {"shared_nested_multi_io", shared_nested_multi_io},
      {"nested_sequential", nested_sequential},
      {"sequential", sequential},
      {"constrained", constrained},
  };
  return c;
}

// Inputs for a model, one tensor per input, batch of 3.
Data sample_inputs(const Model& model) {
  std::vector<Tensor> xs;
  std::uint32_t seed = 1;
  for (const auto& t : model.inputs()) {
    Shape s = t.shape();
    s[0] = 3;
    xs.push_back(testing::random_tensor(s, seed++, -1, 1, DType::float32));
  }
  if (xs.size() == 1) return Data(xs[0]);
  if (!model.input_names().empty() && model.inputs().size() == model.input_names().size()) {
    std::map<std::string, Tensor> d;
    for (std::size_t i = 0; i < xs.size(); ++i) d[model.input_names()[i]] = xs[i];
    return Data(d);
  }
  return Data(xs);
}

}  // namespace

TEST_CASE("to_json equals Keras's and model_from_json rebuilds the model") {
  auto manifest = testing::oracle::manifest("configs.json", "generate_configs.py");
  const auto& oracle_cases = manifest.at("cases");
  REQUIRE(oracle_cases.size() == cases().size());
  for (const auto& [id, build] : cases()) {
    INFO("case " << id);
    utils::clear_session();
    ModelHandle<> model = build();
    const std::string keras_json = oracle_cases.at(id).get<std::string>();
    ConfigValue want = ConfigValue::parse(keras_json);
    ConfigValue got = ConfigValue::parse(model->to_json());
    CHECK(first_difference(got, want) == "");

    // Keras's JSON rebuilds a model whose config is Keras's again and which computes what the
    // original computes with the same weights.
    ModelHandle<> again = models::model_from_json(keras_json);
    CHECK(first_difference(ConfigValue::parse(again->to_json()), want) == "");
    again->set_weights(model->get_weights());
    Data x = sample_inputs(*model);
    auto a = model.predict(x, {.verbose = 0}), b = again.predict(x, {.verbose = 0});
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) testing::require_close(b.values()[i], a.values()[i]);
  }
}

TEST_CASE("model_from_json reads Keras 2 / tf.keras functional configs with list-form nodes") {
  // tf.keras 2.x: class "Model"/"Functional", nodes [name, node, tensor, kwargs], inputs and
  // outputs always lists, initializers without "module"; a nested model is referenced from
  // node 1 (its own node 0 counted in Keras 2).
  const std::string json = R"({"class_name": "Functional", "keras_version": "2.4.0",
    "backend": "tensorflow", "config": {"name": "tfk", "layers": [
      {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5], "dtype": "float32",
        "sparse": false, "ragged": false, "name": "in"}, "name": "in", "inbound_nodes": []},
      {"class_name": "Dense", "config": {"name": "d", "trainable": true, "dtype": "float32",
        "units": 3, "activation": "relu", "use_bias": true,
        "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}},
        "bias_initializer": {"class_name": "Zeros", "config": {}},
        "kernel_regularizer": null, "bias_regularizer": null, "activity_regularizer": null,
        "kernel_constraint": null, "bias_constraint": null},
       "name": "d", "inbound_nodes": [[["in", 0, 0, {}]]]},
      {"class_name": "Dense", "config": {"name": "e", "units": 2, "activation": "linear"},
       "name": "e", "inbound_nodes": [[["d", 0, 0, {}]], [["d2", 0, 0, {}]]]},
      {"class_name": "Dense", "config": {"name": "d2", "units": 3}, "name": "d2",
       "inbound_nodes": [[["in", 0, 0, {}]]]}
    ], "input_layers": [["in", 0, 0]], "output_layers": [["e", 0, 0], ["e", 1, 0]]}})";
  ModelHandle<> model;
  REQUIRE_NOTHROW(model = models::model_from_json(json));
  CHECK(model->name() == "tfk");
  REQUIRE(model->outputs().size() == 2);
  CHECK(model->outputs()[1].shape() == Shape{kNone, 2});
  CHECK(model->layers().size() == 4);
  // "e"'s second call waits for "d2", listed after it, as Keras's loader lets it.
  Tensor x = testing::random_tensor({2, 5}, 3, -1, 1, DType::float32);
  Data y = model.predict(x, {.verbose = 0});
  REQUIRE(y.size() == 2);
  auto e = model->get_layer("e");
  testing::require_close(y.values()[1], (*e)((*model->get_layer("d2"))(x)));
}

TEST_CASE("model_from_json reads a Keras 2.1 list-form Sequential with batch_input_shape") {
  const std::string json = R"({"class_name": "Sequential", "keras_version": "2.1.3",
    "backend": "tensorflow", "config": [
      {"class_name": "Dense", "config": {"name": "dense_1", "trainable": true,
        "batch_input_shape": [null, 4], "dtype": "float32", "units": 8, "activation": "relu",
        "use_bias": true}},
      {"class_name": "Dense", "config": {"name": "dense_2", "units": 1}}]})";
  auto model = models::model_from_json(json);
  CHECK(model->class_name() == "Sequential");
  REQUIRE(model->inputs().size() == 1);
  CHECK(model->inputs()[0].shape() == Shape{kNone, 4});
  CHECK(model->layers().size() == 2);
  Tensor y = model(testing::random_tensor({3, 4}, 1, -1, 1, DType::float32));
  CHECK(y.shape() == Shape{3, 1});
}

TEST_CASE("bad model configs are ValueErrors naming what is wrong") {
  auto throws_with = [](const std::string& json, const std::string& text) {
    INFO(json);
    CHECK_THROWS_WITH(models::model_from_json(json), Catch::Contains(text));
  };
  throws_with(R"({"class_name": "Functional", "config": {"name": "m", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 2], "name": "i"},
       "name": "i", "inbound_nodes": []},
      {"class_name": "NoSuchLayer", "config": {"name": "n"}, "name": "n",
       "inbound_nodes": [[["i", 0, 0]]]}],
      "input_layers": [["i", 0, 0]], "output_layers": [["n", 0, 0]]}})",
              "NoSuchLayer");
  throws_with(R"({"class_name": "Functional", "config": {"name": "m", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 2], "name": "i"},
       "name": "i", "inbound_nodes": []},
      {"class_name": "Dense", "config": {"name": "d", "units": 1}, "name": "d",
       "inbound_nodes": [[["ghost", 0, 0]]]}],
      "input_layers": [["i", 0, 0]], "output_layers": [["d", 0, 0]]}})",
              "unknown layer: \"ghost\"");
  throws_with(R"({"class_name": "Functional", "config": {"name": "m", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 2], "name": "i"},
       "name": "i", "inbound_nodes": []},
      {"class_name": "Dense", "config": {"name": "d", "units": 1}, "name": "d",
       "inbound_nodes": [[["d", 0, 0]]]}],
      "input_layers": [["i", 0, 0]], "output_layers": [["d", 0, 0]]}})",
              "refers to tensors that no layer produces");
  throws_with(R"({"class_name": "Dense", "config": {"name": "d", "units": 1}})",
              "Expected a model config");
  throws_with(R"({"class_name": "Functional", "config": {"name": "m"}})", "needs a `layers` list");
  throws_with(R"([1, 2])", "must be a dict with `class_name`");
}

namespace {

// A compile config without what legitimately differs: the optimizer's automatic name (a
// process-wide counter) and jit_compile (Keras writes what "auto" resolved to on its backend).
ConfigValue comparable(ConfigValue c) {
  c["jit_compile"] = nullptr;
  if (c["optimizer"].is_dict()) c["optimizer"]["config"]["name"] = nullptr;
  return c;
}

ModelHandle<> two_outputs() {
  auto a = Input({4}, {.name = "a"});
  return make_model<Model>(a,
                           KerasTensors{{"o1", layers::Dense(1, {.name = "o1"})(a)},
                                        {"o2", layers::Dense(1, {.name = "o2"})(a)}},
                           ModelOptions{.name = "two"});
}

}  // namespace

TEST_CASE("get_compile_config equals Keras's; compile_from_config reads it back") {
  auto manifest = testing::oracle::manifest("configs.json", "generate_configs.py");
  const auto& want_all = manifest.at("compile_configs");
  struct Case {
    std::string id;
    std::function<ModelHandle<>()> build;
    CompileOptions options;
  };
  std::vector<Case> cases = {
      {"adam_mse",
       mlp_functional,
       {.optimizer = optimizers::Adam({.learning_rate = 0.01}),
        .loss = "mse",
        .metrics = {"mae", metrics::BinaryAccuracy({.threshold = 0.3})}}},
      {"sgd_huber",
       mlp_functional,
       {.optimizer = "sgd",
        .loss = losses::Huber({.delta = 2.0}),
        .metrics = {"accuracy"},
        .weighted_metrics = {"mse"},
        .loss_weights = {0.5}}},
      {"function_loss",
       mlp_functional,
       {.optimizer = "adam", .loss = losses::Spec(losses::mean_squared_error)}},
      {"dict_outputs",
       two_outputs,
       {.optimizer = "rmsprop",
        .loss = {{"o1", "mse"}, {"o2", "mae"}},
        .metrics = {{"o1", {"mae"}}},
        .loss_weights = {{"o1", 1.0}, {"o2", 0.2}}}},
  };
  REQUIRE(want_all.size() == cases.size());
  for (const auto& c : cases) {
    INFO("case " << c.id);
    ConfigValue want = comparable(ConfigValue::parse(want_all.at(c.id).get<std::string>()));
    auto model = c.build();
    model.compile(c.options);
    CHECK(first_difference(comparable(model->get_compile_config()), want) == "");
    // Keras's config compiles an equivalent model.
    auto again = c.build();
    again->compile_from_config(ConfigValue::parse(want_all.at(c.id).get<std::string>()));
    CHECK(again->compiled());
    CHECK(first_difference(comparable(again->get_compile_config()), want) == "");
  }
}

TEST_CASE("compile_from_config reads a Keras 2 training_config") {
  auto model = mlp_functional();
  model->compile_from_config(ConfigValue::parse(R"({"optimizer_config": {"class_name": "Adam",
      "config": {"name": "Adam", "learning_rate": 0.002, "decay": 0.0, "beta_1": 0.9,
      "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": false}}, "loss": "mse",
      "metrics": ["mae"], "weighted_metrics": null, "loss_weights": null,
      "sample_weight_mode": null})"));
  REQUIRE(model->compiled());
  CHECK(model->optimizer()->class_name() == "Adam");
  CHECK(model->optimizer()->learning_rate() == Approx(0.002));
  Tensor x = testing::random_tensor({4, 4}, 1, -1, 1, DType::float32);
  Tensor y = testing::random_tensor({4, 2}, 2, -1, 1, DType::float32);
  auto logs = model.train_on_batch(x, y);
  CHECK(logs.names() == std::vector<std::string>{"loss", "mae"});
  model->compile_from_config(ConfigValue::dict());  // {}: nothing to compile, no error
  CHECK_THROWS_WITH(model->compile_from_config(ConfigValue::parse(R"({"loss": "no_such_loss"})")),
                    Catch::Contains("no_such_loss"));
}

TEST_CASE("model_from_json reads Keras 1 configs: renamed keys, input_dim, input_dtype") {
  // The Dense of a Keras 1.2.2 file (tests/../keras-corpus simple_lstm_*_keras_1), and Keras 1
  // Dropout / Activation.
  const std::string json = R"({"class_name": "Sequential", "config": [
      {"class_name": "Dense", "config": {"W_constraint": null, "b_constraint": null,
        "name": "dense_1", "activity_regularizer": null, "trainable": true,
        "init": "glorot_uniform", "bias": true, "input_dim": 50, "b_regularizer": null,
        "W_regularizer": {"l2": 0.01, "name": "WeightRegularizer", "l1": 0.0},
        "activation": "linear", "output_dim": 7, "input_dtype": "float32"}},
      {"class_name": "Dropout", "config": {"p": 0.25, "trainable": true, "name": "dropout_1"}},
      {"class_name": "Dense", "config": {"name": "dense_2", "init": "zero", "bias": false,
        "output_dim": 2, "activation": "softmax"}}]})";
  auto model = models::model_from_json(json);
  CHECK(model->inputs()[0].shape() == Shape{kNone, 50});
  REQUIRE(model->layers().size() == 3);
  auto config = model->to_json();
  INFO(config);
  auto c = ConfigValue::parse(config).at("config").at("layers");
  CHECK(c.as_list()[1].at("config").at("units").as_int() == 7);
  const auto& regularizer = c.as_list()[1].at("config").at("kernel_regularizer");
  CHECK(regularizer.at("class_name").as_string() == "L1L2");
  CHECK(regularizer.at("config").at("l2").as_double() == Approx(0.01));
  CHECK(c.as_list()[2].at("config").at("rate").as_double() == 0.25);
  CHECK(c.as_list()[3].at("config").at("use_bias").as_bool() == false);
  CHECK(model(testing::random_tensor({2, 50}, 1, -1, 1, DType::float32)).shape() == Shape{2, 2});
}

namespace {

// The C++ twin of generate_configs.py's tanh_dense clone_function.
std::shared_ptr<Layer> tanh_dense(const std::shared_ptr<Layer>& layer) {
  ConfigValue config = layer->get_config();
  if (layer->class_name() == "Dense") config["activation"] = "tanh";
  return layers::find_layer(layer->class_name()).from_config(config);
}

}  // namespace

TEST_CASE("clone_model gives Keras's clone config with new, freshly initialized layers") {
  auto manifest = testing::oracle::manifest("configs.json", "generate_configs.py");
  REQUIRE(manifest.at("clones").size() == cases().size());
  for (const auto& [id, build] : cases()) {
    INFO("case " << id);
    utils::clear_session();
    ModelHandle<> model = build();
    ModelHandle<> clone = models::clone_model(*model);
    CHECK(first_difference(ConfigValue::parse(clone->to_json()),
                           ConfigValue::parse(manifest.at("clones").at(id).get<std::string>())) ==
          "");
    // New variables, initialized anew (not copied, as in Keras): a kernel drawn again from
    // glorot_uniform differs from the original's.
    auto original = model->weights(), cloned = clone->weights();
    REQUIRE(original.size() == cloned.size());
    bool some_kernel_differs = false;
    for (std::size_t i = 0; i < original.size(); ++i) {
      REQUIRE(original[i].shape() == cloned[i].shape());
      std::vector<float> before = cloned[i].value().to_vector<float>();
      if (cloned[i].shape().rank() == 2 && before != original[i].value().to_vector<float>())
        some_kernel_differs = true;
      // Separate variables: changing the original leaves the clone alone.
      original[i].assign(ops::ones_like(original[i].value()));
      CHECK(cloned[i].value().to_vector<float>() == before);
    }
    CHECK(some_kernel_differs);
    // Once given the same weights, the clone computes what the original computes.
    clone->set_weights(model->get_weights());
    Data x = sample_inputs(*model);
    auto a = model.predict(x, {.verbose = 0}), b = clone.predict(x, {.verbose = 0});
    for (std::size_t i = 0; i < a.size(); ++i) testing::require_close(b.values()[i], a.values()[i]);
  }
}

TEST_CASE("clone_model's clone_function replaces layers as in Keras") {
  auto manifest = testing::oracle::manifest("configs.json", "generate_configs.py");
  for (const auto& [id, build] : cases()) {
    INFO("case " << id);
    utils::clear_session();
    ModelHandle<> model = build();
    ModelHandle<> clone = models::clone_model(*model, {.clone_function = tanh_dense});
    CHECK(first_difference(
              ConfigValue::parse(clone->to_json()),
              ConfigValue::parse(manifest.at("tanh_clones").at(id).get<std::string>())) == "");
  }
  // A clone_function returning the layer itself shares it, as in Keras.
  ModelHandle<> model = mlp_functional();
  ModelHandle<> shared = models::clone_model(
      *model, {.clone_function = [](const std::shared_ptr<Layer>& l) { return l; }});
  CHECK(shared->get_layer("d1") == model->get_layer("d1"));
  CHECK_THROWS_WITH(models::clone_model(*model, {.clone_function =
                                                     [](const std::shared_ptr<Layer>&) {
                                                       return std::shared_ptr<Layer>();
                                                     }}),
                    Catch::Contains("clone_function returned no layer for layer 'd1'"));
}
