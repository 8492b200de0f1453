#include "src/io/tf_keras_h5_dialect.hpp"

#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "keras/core/errors.hpp"
#include "src/io/legacy_h5_dialect.hpp"

namespace keras::io {

namespace {

// The names tf-keras's call signatures give the positional arguments after the first.
const std::map<std::string, std::vector<std::string>>& positional_names() {
  static const std::map<std::string, std::vector<std::string>> names{
      {"MultiHeadAttention", {"value", "key"}}};
  return names;
}

// Keyword arguments with each Keras tensor as tf-keras's [layer, node, tensor].
ConfigValue tf_keras_kwargs(const ConfigValue& v) {
  if (is_keras_tensor(v)) return legacy_tensor_reference(v, ConfigValue());
  if (v.is_list()) {
    ConfigValue out = ConfigValue::list();
    for (const auto& item : v.as_list()) out.push_back(tf_keras_kwargs(item));
    return out;
  }
  if (v.is_dict()) {
    ConfigValue out = ConfigValue::dict();
    for (const auto& [key, item] : v.as_dict()) out[key] = tf_keras_kwargs(item);
    return out;
  }
  return v;
}

}  // namespace

ConfigValue tf_keras_node(const ConfigValue& keras3_node, const std::string& class_name,
                          const std::string& layer_name) {
  const auto refuse = [&](const std::string& why) {
    return ValueError("save(legacy_h5_reader=tf_keras_2): layer '" + layer_name + "' (" +
                      class_name + ") " + why);
  };
  if (!keras3_node.is_dict() || !keras3_node.get("args").is_list() ||
      keras3_node.at("args").size() == 0)
    throw refuse("has a call node tf-keras's list form cannot hold");
  const auto& args = keras3_node.at("args").as_list();
  ConfigValue kwargs = tf_keras_kwargs(keras3_node.get("kwargs", ConfigValue::dict()));
  if (args.size() > 1) {
    auto names = positional_names().find(class_name);
    if (names == positional_names().end() || args.size() - 1 > names->second.size())
      throw refuse("is called with " + std::to_string(args.size()) +
                   " positional arguments, which tf-keras's list form cannot name");
    for (std::size_t i = 1; i < args.size(); ++i)
      kwargs[names->second[i - 1]] = tf_keras_kwargs(args[i]);
  }
  ConfigValue out = ConfigValue::list();
  if (is_keras_tensor(args[0])) {
    out.push_back(legacy_tensor_reference(args[0], kwargs));
    return out;
  }
  if (!args[0].is_list()) throw refuse("is called on something other than tensors");
  for (const auto& tensor : args[0].as_list()) {
    if (!is_keras_tensor(tensor)) throw refuse("is called on a list holding other than tensors");
    out.push_back(legacy_tensor_reference(tensor, kwargs));
  }
  return out;
}

ConfigValue tf_keras_layer_config(const std::string& class_name, const ConfigValue& legacy_config,
                                  const ConfigValue& build_config) {
  if (class_name != "MultiHeadAttention") return legacy_config;
  // tf-keras's from_config pops all three (a KeyError without them) and builds the layer from
  // them; null ones leave it to build on its first call, as Keras 3's unbuilt layer does.
  const ConfigValue shapes =
      build_config.is_dict() ? build_config.get("shapes_dict", ConfigValue()) : ConfigValue();
  const auto shape = [&](const char* key) {
    return shapes.is_dict() ? shapes.get(key, ConfigValue()) : ConfigValue();
  };
  ConfigValue out = legacy_config;
  out["query_shape"] = shape("query_shape");
  out["value_shape"] = shape("value_shape");
  out["key_shape"] = shape("key_shape").is_null() ? shape("value_shape") : shape("key_shape");
  return out;
}

ConfigValue tf_keras_optimizer_config(const std::string& class_name, const ConfigValue& config) {
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : config.as_dict()) {
    if (key == "loss_scale_factor" || key == "gradient_accumulation_steps") {
      if (!value.is_null())
        throw ValueError("save(legacy_h5_reader=tf_keras_2): tf-keras 2's " + class_name +
                         " has no `" + key + "`; received " + key + "=" + value.dump());
      continue;
    }
    out[key] = value;
  }
  out["jit_compile"] = false;
  out["is_legacy_optimizer"] = false;
  return ConfigValue::Dict{{"class_name", "Custom>" + class_name}, {"config", out}};
}

namespace {

// SparseCategoricalAccuracy -> sparse_categorical_accuracy: the function tf-keras names so, for
// the metric classes that wrap one.
std::string metric_function(const std::string& class_name) {
  static const std::set<std::string> functions{"accuracy",
                                               "binary_accuracy",
                                               "categorical_accuracy",
                                               "sparse_categorical_accuracy",
                                               "top_k_categorical_accuracy",
                                               "sparse_top_k_categorical_accuracy",
                                               "mean_squared_error",
                                               "mean_absolute_error",
                                               "binary_crossentropy",
                                               "categorical_crossentropy",
                                               "sparse_categorical_crossentropy"};
  std::string snake;
  for (char c : class_name) {
    if (std::isupper(static_cast<unsigned char>(c)) && !snake.empty()) snake += '_';
    snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return functions.count(snake) ? snake : "";
}

}  // namespace

ConfigValue tf_keras_metrics(const ConfigValue& metrics,
                             const std::vector<std::string>& resolved_classes,
                             std::size_t outputs) {
  // One output's list, given flat or per output (as a model compiled from a Keras 2 file has).
  const ConfigValue& list =
      metrics.is_list() && metrics.size() == 1 && metrics.as_list()[0].is_list()
          ? metrics.as_list()[0]
          : metrics;
  if (outputs != 1 || !list.is_list() || list.size() != resolved_classes.size()) return metrics;
  ConfigValue wrapped = ConfigValue::list();
  for (std::size_t i = 0; i < resolved_classes.size(); ++i) {
    const ConfigValue& given = list.as_list()[i];
    const std::string fn = metric_function(resolved_classes[i]);
    if (!given.is_string() || fn.empty()) return metrics;
    wrapped.push_back(ConfigValue::Dict{
        {"class_name", "MeanMetricWrapper"},
        {"config", ConfigValue::Dict{{"name", given}, {"dtype", "float32"}, {"fn", fn}}}});
  }
  ConfigValue out = ConfigValue::list();
  out.push_back(wrapped);
  return out;
}

}  // namespace keras::io
