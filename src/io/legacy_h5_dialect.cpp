// What tf-keras 2.21 refuses in a Keras 3.15 .h5 config, and what both read instead (each
// measured by loading Keras 3's own .h5 files with both):
//  - InputLayer "batch_shape": tf-keras knows only "batch_input_shape", which Keras 3 still
//    reads (InputLayer pops it from its kwargs).
//  - "dtype" as a DTypePolicy dict: tf-keras reads a policy's name, a string, as Keras 3 does.
//  - "quantization_config": null (Dense, EinsumDense, Embedding) and initializers'
//    "input_axes"/"output_axes": null are unknown keyword arguments to tf-keras; Keras 3
//    defaults them to null.
//  - inbound_nodes as {"args": [keras tensors], "kwargs": {}}: tf-keras reads only the older
//    [[layer, node_index, tensor_index, kwargs], ...], which Keras 3's functional loader
//    still reads (its "legacy case").
//  - optimizer keys of Keras 3 alone (weight_decay, use_ema, ema_momentum,
//    ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps): a plain "Adam"
//    config is tf-keras's legacy optimizer, whose constructor refuses them.
#include "src/io/legacy_h5_dialect.hpp"

#include <map>

namespace keras::io {

namespace {

ConfigValue without(const ConfigValue& dict, const std::map<std::string, ConfigValue>& defaults) {
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : dict.as_dict()) {
    auto it = defaults.find(key);
    if (it == defaults.end() || !(it->second == value)) out[key] = value;
  }
  return out;
}

bool is_keras_tensor(const ConfigValue& v) {
  return v.is_dict() && v.get("class_name") == ConfigValue("__keras_tensor__");
}

// [layer, node_index, tensor_index, {}] for one Keras tensor.
ConfigValue legacy_tensor_reference(const ConfigValue& tensor) {
  const auto& history = tensor.at("config").at("keras_history").as_list();
  return ConfigValue::List{history.at(0), history.at(1), history.at(2), ConfigValue::dict()};
}

// A node {"args": [x] or [[x, y, ...]], "kwargs": {}} in the older list form; anything else
// (keyword arguments, several positional ones) as it is, which only Keras 3 reads.
ConfigValue legacy_node(const ConfigValue& node) {
  if (!node.is_dict() || !node.get("args").is_list() || node.at("args").size() != 1 ||
      node.get("kwargs", ConfigValue::dict()).size() != 0)
    return node;
  const ConfigValue& arg = node.at("args").as_list()[0];
  ConfigValue out = ConfigValue::list();
  if (is_keras_tensor(arg)) {
    out.push_back(legacy_tensor_reference(arg));
    return out;
  }
  if (!arg.is_list()) return node;
  for (const auto& tensor : arg.as_list()) {
    if (!is_keras_tensor(tensor)) return node;
    out.push_back(legacy_tensor_reference(tensor));
  }
  return out;
}

bool is_initializer(const ConfigValue& v) {
  return v.is_dict() && v.get("module") == ConfigValue("keras.initializers") &&
         v.get("config").is_dict();
}

ConfigValue layer_config(const std::string& class_name, const ConfigValue& config) {
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : config.as_dict()) {
    if (key == "quantization_config" && value.is_null()) continue;
    if (class_name == "InputLayer" && key == "batch_shape") {
      out["batch_input_shape"] = value;
    } else if (key == "dtype" && value.is_dict() &&
               value.get("class_name") == ConfigValue("DTypePolicy")) {
      out[key] = value.at("config").at("name");
    } else if (is_initializer(value)) {
      ConfigValue init = value;
      init["config"] = without(value.at("config"), {{"input_axes", {}}, {"output_axes", {}}});
      out[key] = init;
    } else if (key == "layers" && value.is_list()) {
      ConfigValue nested = ConfigValue::list();
      for (const auto& layer : value.as_list()) nested.push_back(legacy_h5_layer(layer));
      out[key] = nested;
    } else {
      out[key] = value;
    }
  }
  return out;
}

}  // namespace

ConfigValue legacy_h5_layer(const ConfigValue& serialized) {
  ConfigValue out = ConfigValue::dict();
  const ConfigValue class_name = serialized.at("class_name");
  // Keras's legacy format names a layer by its Python class, which for the layer exported (and
  // written in .keras files) as GroupQueryAttention is GroupedQueryAttention.
  out["class_name"] = class_name == ConfigValue("GroupQueryAttention")
                          ? ConfigValue("GroupedQueryAttention")
                          : class_name;
  const ConfigValue config = serialized.get("config");
  out["config"] = config.is_dict() && class_name.is_string()
                      ? layer_config(class_name.as_string(), config)
                      : config;
  if (serialized.contains("name")) out["name"] = serialized.at("name");
  if (serialized.contains("inbound_nodes")) {
    ConfigValue nodes = ConfigValue::list();
    for (const auto& node : serialized.at("inbound_nodes").as_list())
      nodes.push_back(legacy_node(node));
    out["inbound_nodes"] = nodes;
  }
  return out;
}

ConfigValue legacy_h5_optimizer_config(const ConfigValue& config) {
  ConfigValue out = without(config, {{"weight_decay", {}},
                                     {"use_ema", false},
                                     {"loss_scale_factor", {}},
                                     {"gradient_accumulation_steps", {}}});
  // Without EMA its settings (RMSprop's frequency defaults to 100, not null) mean nothing.
  if (!config.get("use_ema", false).as_bool())
    out = without(out, {{"ema_momentum", out.get("ema_momentum")},
                        {"ema_overwrite_frequency", out.get("ema_overwrite_frequency")}});
  return out;
}

}  // namespace keras::io
