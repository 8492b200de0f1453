#include "src/layers/legacy_config.hpp"

#include <map>

namespace keras::layers::detail {

namespace {

const std::map<std::string, std::string>& renamed_classes() {
  static const std::map<std::string, std::string> m = {
      {"Convolution1D", "Conv1D"},
      {"Convolution2D", "Conv2D"},
      {"Convolution3D", "Conv3D"},
      {"AtrousConvolution1D", "Conv1D"},
      {"AtrousConvolution2D", "Conv2D"},
      {"Deconvolution2D", "Conv2DTranspose"},
      {"SeparableConvolution2D", "SeparableConv2D"},
      // Not Keras 1: Keras 3's legacy .h5 writes the Python class name of the layer it
      // exports (and writes in .keras files) as GroupQueryAttention.
      {"GroupedQueryAttention", "GroupQueryAttention"},
  };
  return m;
}

// Keys renamed for every layer that has them (Keras 2's generate_legacy_interface tables).
const std::map<std::string, std::string>& renamed_keys() {
  static const std::map<std::string, std::string> m = {
      {"init", "kernel_initializer"},
      {"inner_init", "recurrent_initializer"},
      {"W_regularizer", "kernel_regularizer"},
      {"b_regularizer", "bias_regularizer"},
      {"U_regularizer", "recurrent_regularizer"},
      {"W_constraint", "kernel_constraint"},
      {"b_constraint", "bias_constraint"},
      {"U_constraint", "recurrent_constraint"},
      {"bias", "use_bias"},
      {"nb_filter", "filters"},
      {"subsample", "strides"},
      {"subsample_length", "strides"},
      {"border_mode", "padding"},
      {"pool_length", "pool_size"},
      {"stride", "strides"},
      {"inner_activation", "recurrent_activation"},
      {"dropout_W", "dropout"},
      {"dropout_U", "recurrent_dropout"},
      {"sigma", "stddev"},
      {"input_dtype", "dtype"},
      {"atrous_rate", "dilation_rate"},
      {"filter_length", "kernel_size"},
  };
  return m;
}

bool has(const ConfigValue& c, const char* key) { return c.is_dict() && c.contains(key); }

// Keras 1 regularizers: {"name": "WeightRegularizer" | "L1L2Regularizer" |
// "ActivityRegularizer", "l1": .., "l2": ..}, an L1L2 in Keras 2.
ConfigValue upgrade_regularizer(const ConfigValue& v) {
  if (!v.is_dict() || v.contains("class_name") || !v.get("name").is_string()) return v;
  ConfigValue config = ConfigValue::dict();
  config["l1"] = v.get("l1", 0.0);
  config["l2"] = v.get("l2", 0.0);
  return ConfigValue::Dict{{"class_name", "L1L2"}, {"config", config}};
}

// Keras 1 constraints: their get_config, {"name": "MaxNorm", "m": 2, "axis": 0}.
ConfigValue upgrade_constraint(const ConfigValue& v) {
  if (!v.is_dict() || v.contains("class_name") || !v.get("name").is_string()) return v;
  ConfigValue config = ConfigValue::dict();
  for (const auto& [key, value] : v.as_dict())
    if (key != "name") config[key] = value;
  return ConfigValue::Dict{{"class_name", v.at("name")}, {"config", config}};
}

}  // namespace

std::pair<std::string, ConfigValue> upgrade_keras1_layer(const std::string& class_name,
                                                         const ConfigValue& config) {
  std::string cls = class_name;
  if (auto it = renamed_classes().find(cls); it != renamed_classes().end()) cls = it->second;
  if (!config.is_dict()) return {cls, config};
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : config.as_dict()) {
    std::string k = key;
    if (key == "output_dim" && cls != "Embedding") k = "units";
    else if (key == "init" && cls == "Embedding") k = "embeddings_initializer";
    else if (key == "p" && (cls == "Dropout" || cls == "GaussianDropout" ||
                            cls == "SpatialDropout1D" || cls == "SpatialDropout2D"))
      k = "rate";
    else if (auto it = renamed_keys().find(key); it != renamed_keys().end()) k = it->second;
    if (k == "consume_less") continue;  // a computation detail, no Keras 2 equivalent
    if (k == "forget_bias_init") {
      out["unit_forget_bias"] = value.is_string() && value.as_string() == "one";
      continue;
    }
    if (k == "dim_ordering") {
      // "default" meant the backend's setting, TensorFlow's channels_last for the files we see.
      out["data_format"] = value == ConfigValue("th") ? "channels_first" : "channels_last";
      continue;
    }
    if (!out.contains(k))
      out[k] = k.ends_with("_regularizer")  ? upgrade_regularizer(value)
               : k.ends_with("_constraint") ? upgrade_constraint(value)
                                            : value;
  }
  // Convolution2D's kernel came as nb_row / nb_col.
  if (has(out, "nb_row") && has(out, "nb_col")) {
    out["kernel_size"] = ConfigValue::List{out.at("nb_row"), out.at("nb_col")};
    ConfigValue::Dict kept;
    for (auto& [k, v] : out.as_dict())
      if (k != "nb_row" && k != "nb_col") kept.emplace_back(k, v);
    out = ConfigValue(std::move(kept));
  }
  return {cls, out};
}

}  // namespace keras::layers::detail
