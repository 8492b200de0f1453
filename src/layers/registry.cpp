#include "keras/layers/registry.hpp"

#include <algorithm>
#include <mutex>

#include "keras/core/errors.hpp"
#include "keras/layers/layers.hpp"
#include "keras/models/sequential.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/legacy_config.hpp"

namespace keras::layers {

namespace {

// Built explicitly on first use (no static-initialisation registration).
std::vector<LayerEntry> builtin_layers() {
  return {
      {"InputLayer", "core", InputLayerImpl::from_config},
      {"Dense", "core", DenseImpl::from_config},
      {"Identity", "core", IdentityImpl::from_config},
      {"Activation", "activations", ActivationImpl::from_config},
      {"Dropout", "regularization", DropoutImpl::from_config},
      {"Flatten", "reshaping", FlattenImpl::from_config},
      {"Reshape", "reshaping", ReshapeImpl::from_config},
      // Models are layers too (nested models in a config); "Model" is tf.keras's name.
      {"Functional", "models", Model::from_config},
      {"Model", "models", Model::from_config},
      {"Sequential", "models", Sequential::from_config},
  };
}

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::vector<LayerEntry>& registry() {
  static std::vector<LayerEntry> entries = builtin_layers();
  return entries;
}

}  // namespace

const std::vector<LayerEntry>& layer_registry() {
  std::lock_guard<std::mutex> lock(registry_mutex());
  return registry();
}

void register_layer(LayerEntry entry) {
  if (entry.class_name.empty() || !entry.from_config)
    throw ValueError("register_layer needs a class name and a from_config function");
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (auto& e : registry())
    if (e.class_name == entry.class_name) {
      e = std::move(entry);
      return;
    }
  registry().push_back(std::move(entry));
}

const LayerEntry& find_layer(const std::string& class_name) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (const auto& e : registry())
    if (e.class_name == class_name) return e;
  std::string known;
  for (const auto& e : registry()) known += (known.empty() ? "" : ", ") + e.class_name;
  throw ValueError(
      "Unknown layer: '" + class_name +
      "'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is "
      "included in the scope (in C++: keras::layers::register_layer). Supported layers: " +
      known);
}

std::shared_ptr<Layer> deserialize(const ConfigValue& serialized) {
  if (!serialized.is_dict() || !serialized.contains("class_name"))
    throw ValueError("A serialized layer must be a dict with `class_name` and `config`; received " +
                     serialized.dump());
  auto [class_name, config] = detail::upgrade_keras1_layer(
      serialized.at("class_name").as_string(), serialized.get("config", ConfigValue::dict()));
  const auto& entry = find_layer(class_name);
  auto layer = entry.from_config(config);
  // activity_regularizer is a base Layer argument: honoured for every class, including those
  // whose from_config does not read it.
  if (layer && !layer->activity_regularizer() && config.contains("activity_regularizer"))
    layer->set_activity_regularizer(read_regularizer(config.at("activity_regularizer")));
  // As Keras's deserialize_keras_object: a saved build_config builds the layer at once, so its
  // weights exist before any call (a layer saved on its own, or a model's layer never called).
  if (layer && serialized.get("build_config").is_dict())
    layer->build_from_config(serialized.at("build_config"));
  return layer;
}

std::string supported_layers_markdown() {
  // Grouped as keras/src/layers groups them, groups in first-registration order.
  std::vector<std::string> groups;
  for (const auto& e : layer_registry())
    if (e.group != "models" && std::find(groups.begin(), groups.end(), e.group) == groups.end())
      groups.push_back(e.group);
  std::string out = "| group | layers |\n|---|---|\n";
  for (const auto& g : groups) {
    std::string names;
    for (const auto& e : layer_registry())
      if (e.group == g) names += (names.empty() ? "`" : ", `") + e.class_name + "`";
    out += "| " + g + " | " + names + " |\n";
  }
  return out;
}

ConfigValue serialize(const Layer& layer) {
  // Keras's serialize_keras_object: the public module of the class, and for models their
  // build and compile configs (Functional is registered under its own name).
  const auto* model = dynamic_cast<const Model*>(&layer);
  std::string cls = layer.class_name();
  ConfigValue c = ConfigValue::dict();
  c["module"] = cls == "Functional"   ? "keras.src.models.functional"
                : cls == "Sequential" ? "keras"
                                      : "keras.layers";
  c["class_name"] = cls;
  c["config"] = layer.get_config();
  c["registered_name"] = cls == "Functional" ? ConfigValue("Functional") : ConfigValue();
  ConfigValue build = layer.get_build_config();
  if (!build.is_null()) c["build_config"] = build;
  if (model) c["compile_config"] = model->get_compile_config();
  return c;
}

}  // namespace keras::layers
