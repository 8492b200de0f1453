#pragma once
// The layer registry: every built-in layer by its Keras class name, with the Keras module
// group it belongs to and the function that builds it from a config. The loader, the README's
// supported-layers table and the shared layer tests all read this one list.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"

namespace keras {
class Layer;
}

namespace keras::layers {

struct LayerEntry {
  std::string class_name{};  // "Dense"
  std::string group{};       // Keras's folder: "core", "reshaping", ...
  std::function<std::shared_ptr<Layer>(const ConfigValue& config)> from_config;
};

// Built-in layers plus those added with `register_layer`, in registration order.
const std::vector<LayerEntry>& layer_registry();
// Adds a custom layer class (Keras's register_keras_serializable); replaces an entry with
// the same class name.
void register_layer(LayerEntry entry);
// The entry for `class_name`; ValueError naming the class and listing the known ones.
const LayerEntry& find_layer(const std::string& class_name);
// Builds a layer from {"class_name": ..., "config": {...}} (Keras's layers.deserialize).
std::shared_ptr<Layer> deserialize(const ConfigValue& serialized);
// The README's supported-layers table (Markdown), generated from the registry.
std::string supported_layers_markdown();
// {"module": "keras.layers", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Layer& layer);

}  // namespace keras::layers
