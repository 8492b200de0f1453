// What tf-keras 2.21 refuses in a Keras 3.15 .h5 config, and what both read instead (each
// measured by loading Keras 3's own .h5 files with both):
//  - InputLayer "batch_shape": tf-keras knows only "batch_input_shape", which Keras 3 still
//    reads (InputLayer pops it from its kwargs).
//  - "dtype" as a DTypePolicy dict: tf-keras reads a policy's name, a string, as Keras 3 does.
//  - "quantization_config": null (Dense, EinsumDense, Embedding) and initializers'
//    "input_axes"/"output_axes": null are unknown keyword arguments to tf-keras; Keras 3
//    defaults them to null.
//  - inbound_nodes as {"args": [keras tensors], "kwargs": {...}}: tf-keras reads only the older
//    [[layer, node_index, tensor_index, kwargs], ...], which Keras 3's functional loader
//    still reads (its "legacy case") when the keyword arguments hold no tensors.
//  - Keras 3 arguments tf-keras's classes refuse, where they hold tf-keras's behaviour anyway
//    (seed: null, LayerNormalization's rms_scaling: false, Resizing's padding options, the
//    channels_last data_format of the 1D padding layers and of CenterCrop), LeakyReLU's
//    negative_slope (tf-keras's alpha, which Keras 3 still reads).
//  - Not MultiHeadAttention: tf-keras's from_config requires its build shapes in the config,
//    which Keras 3's constructor refuses, and reads only a call node form that Keras 3 cannot
//    (see legacy_node). Files for Keras 3 keep Keras 3's; files written for tf-keras
//    (saving::LegacyH5Reader::tf_keras_2) take tf-keras's (src/io/tf_keras_h5_dialect.cpp).
//  - Keras 2's hard_sigmoid: see legacy_h5_keras_version.
//  - optimizer keys of Keras 3 alone (weight_decay, use_ema, ema_momentum,
//    ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps): a plain "Adam"
//    config is tf-keras's legacy optimizer, whose constructor refuses them.
#include "src/io/legacy_h5_dialect.hpp"

#include <map>

#include "keras/core/errors.hpp"
#include "src/io/optimizer_state.hpp"
#include "src/io/tf_keras_h5_dialect.hpp"

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

// A node {"args": [x] or [[x, y, ...]], "kwargs": {...}} in the older list form, the keyword
// arguments on each entry as tf-keras writes them; anything else (tensors among the keyword
// arguments, several positional ones: MultiHeadAttention's query and value) as it is, which
// only Keras 3 reads: Keras 3 reads the list form's keyword arguments as plain values, tf-keras
// reads only the list form.
ConfigValue legacy_node(const ConfigValue& node) {
  const ConfigValue kwargs = node.get("kwargs", ConfigValue::dict());
  if (!node.is_dict() || !node.get("args").is_list() || node.at("args").size() != 1 ||
      !kwargs.is_dict() || has_keras_tensor(kwargs))
    return node;
  const ConfigValue& arg = node.at("args").as_list()[0];
  ConfigValue out = ConfigValue::list();
  if (is_keras_tensor(arg)) {
    out.push_back(legacy_tensor_reference(arg, kwargs));
    return out;
  }
  if (!arg.is_list()) return node;
  for (const auto& tensor : arg.as_list()) {
    if (!is_keras_tensor(tensor)) return node;
    out.push_back(legacy_tensor_reference(tensor, kwargs));
  }
  return out;
}

bool is_initializer(const ConfigValue& v) {
  return v.is_dict() && v.get("module") == ConfigValue("keras.initializers") &&
         v.get("config").is_dict();
}

bool is_serialized_layer(const ConfigValue& v) {
  return v.is_dict() && v.get("class_name").is_string() && v.get("config").is_dict() &&
         (v.get("module") == ConfigValue("keras.layers") || v.get("registered_name").is_string());
}

// Keras 3 arguments tf-keras's classes do not take, where they hold what tf-keras does anyway.
ConfigValue without_keras3_defaults(const std::string& class_name, const ConfigValue& config) {
  ConfigValue out = without(config, {{"seed", {}}, {"quantization_config", {}}});
  if (class_name == "LayerNormalization") out = without(out, {{"rms_scaling", false}});
  if (class_name == "MultiHeadAttention")
    out = without(out, {{"use_gate", false}, {"sliding_window", {}}, {"flash_attention", {}}});
  if (class_name == "Resizing")
    out = without(out, {{"pad_to_aspect_ratio", false},
                        {"fill_mode", "constant"},
                        {"fill_value", 0.0},
                        {"antialias", false}});
  if (class_name == "Resizing" || class_name == "CenterCrop" || class_name == "ZeroPadding1D" ||
      class_name == "Cropping1D" || class_name == "UpSampling1D")
    out = without(out, {{"data_format", "channels_last"}});
  // Keras 3 renamed LeakyReLU's alpha; Keras 3 still reads the old name.
  if (class_name == "LeakyReLU" && out.contains("negative_slope")) {
    ConfigValue renamed = ConfigValue::dict();
    for (const auto& [key, value] : out.as_dict())
      renamed[key == "negative_slope" ? "alpha" : key] = value;
    out = renamed;
  }
  return out;
}

ConfigValue layer_config(const std::string& class_name, const ConfigValue& keras3_config,
                         saving::LegacyH5Reader reader);

// A layer inside a layer's config keeps Keras 3's {module, class_name, config,
// registered_name}: Keras 3's legacy loader finds the class only by its module there, and
// tf-keras reads the form too. Its own config is rewritten as a top-level one is.
ConfigValue nested_layer(const ConfigValue& serialized, saving::LegacyH5Reader reader) {
  ConfigValue out = serialized;
  out["config"] =
      layer_config(serialized.at("class_name").as_string(), serialized.at("config"), reader);
  return out;
}

ConfigValue layer_config(const std::string& class_name, const ConfigValue& keras3_config,
                         saving::LegacyH5Reader reader) {
  const ConfigValue config = without_keras3_defaults(class_name, keras3_config);
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : config.as_dict()) {
    if (class_name == "InputLayer" && key == "batch_shape") {
      out["batch_input_shape"] = value;
    } else if (key == "dtype" && value.is_dict() &&
               value.get("class_name") == ConfigValue("DTypePolicy")) {
      out[key] = value.at("config").at("name");
    } else if (is_initializer(value)) {
      ConfigValue init = value;
      init["config"] = without(value.at("config"), {{"input_axes", {}}, {"output_axes", {}}});
      out[key] = init;
    } else if (is_serialized_layer(value)) {  // an RNN's cell, a wrapper's layer
      out[key] = nested_layer(value, reader);
    } else if (key == "layers" && value.is_list()) {  // a Sequential's
      ConfigValue nested = ConfigValue::list();
      for (const auto& layer : value.as_list()) nested.push_back(legacy_h5_layer(layer, reader));
      out[key] = nested;
    } else if (value.is_list() && value.size() > 0 && is_serialized_layer(value.as_list()[0])) {
      ConfigValue nested = ConfigValue::list();  // StackedRNNCells's cells
      for (const auto& layer : value.as_list()) nested.push_back(nested_layer(layer, reader));
      out[key] = nested;
    } else {
      out[key] = value;
    }
  }
  return out;
}

}  // namespace

bool is_keras_tensor(const ConfigValue& v) {
  return v.is_dict() && v.get("class_name") == ConfigValue("__keras_tensor__");
}

bool has_keras_tensor(const ConfigValue& v) {
  if (is_keras_tensor(v)) return true;
  if (v.is_list())
    for (const auto& item : v.as_list())
      if (has_keras_tensor(item)) return true;
  if (v.is_dict())
    for (const auto& [key, item] : v.as_dict())
      if (has_keras_tensor(item)) return true;
  return false;
}

ConfigValue legacy_tensor_reference(const ConfigValue& tensor, const ConfigValue& kwargs) {
  const auto& history = tensor.at("config").at("keras_history").as_list();
  if (kwargs.is_null()) return ConfigValue::List{history.at(0), history.at(1), history.at(2)};
  return ConfigValue::List{history.at(0), history.at(1), history.at(2), kwargs};
}

ConfigValue legacy_h5_layer(const ConfigValue& serialized, saving::LegacyH5Reader reader) {
  ConfigValue out = ConfigValue::dict();
  const ConfigValue class_name = serialized.at("class_name");
  // Keras's legacy format names a layer by its Python class, which for the layer exported (and
  // written in .keras files) as GroupQueryAttention is GroupedQueryAttention.
  out["class_name"] = class_name == ConfigValue("GroupQueryAttention")
                          ? ConfigValue("GroupedQueryAttention")
                          : class_name;
  const ConfigValue config = serialized.get("config");
  const bool tf_keras = reader == saving::LegacyH5Reader::tf_keras_2;
  out["config"] = config.is_dict() && class_name.is_string()
                      ? layer_config(class_name.as_string(), config, reader)
                      : config;
  if (tf_keras && class_name.is_string())
    out["config"] = tf_keras_layer_config(class_name.as_string(), out["config"],
                                          serialized.get("build_config"));
  if (serialized.contains("name")) out["name"] = serialized.at("name");
  if (serialized.contains("inbound_nodes")) {
    ConfigValue nodes = ConfigValue::list();
    for (const auto& node : serialized.at("inbound_nodes").as_list())
      nodes.push_back(
          tf_keras ? tf_keras_node(node, class_name.as_string(), serialized.get("name").as_string())
                   : legacy_node(node));
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

namespace {

void rename_hard_sigmoids(ConfigValue& v, bool& keras2, bool& keras3) {
  if (v.is_list()) {
    ConfigValue::List list = v.as_list();
    for (auto& item : list) rename_hard_sigmoids(item, keras2, keras3);
    v = ConfigValue(std::move(list));
    return;
  }
  if (!v.is_dict()) return;
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : v.as_dict()) {
    ConfigValue item = value;
    if (item == ConfigValue("keras2_hard_sigmoid")) {
      keras2 = true;
      item = ConfigValue("hard_sigmoid");
    } else if (item == ConfigValue("hard_sigmoid")) {
      keras3 = true;
    } else {
      rename_hard_sigmoids(item, keras2, keras3);
    }
    out[key] = item;
  }
  v = out;
}

}  // namespace

std::string legacy_h5_keras_version(ConfigValue& model_config, const std::string& filepath,
                                    saving::LegacyH5Reader reader) {
  bool keras2 = false, keras3 = false;
  rename_hard_sigmoids(model_config, keras2, keras3);
  if (keras2 && keras3)
    throw ValueError("save('" + filepath +
                     "'): the model uses both Keras 2's hard_sigmoid (read from an older file) "
                     "and Keras 3's, which a legacy .h5 file names alike; save it as .keras");
  const bool tf_keras = reader == saving::LegacyH5Reader::tf_keras_2;
  if (tf_keras && keras3)
    throw ValueError("save('" + filepath +
                     "', legacy_h5_reader=tf_keras_2): the model uses Keras 3's hard_sigmoid "
                     "(relu6(x + 3) / 6), and tf-keras has only Keras 2's (0.2 * x + 0.5); "
                     "save it for Keras 3 or as .keras");
  return keras2 || tf_keras ? kTfKerasFormatVersion : kKerasFormatVersion;
}

}  // namespace keras::io
