#include "src/io/pre_keras3_files.hpp"

#include <cstdlib>

#include "keras/core/ops.hpp"
#include "keras/layers/layer.hpp"

namespace keras::io {

bool saved_before_keras3(const std::string& keras_version) {
  return std::atoi(keras_version.c_str()) < 3;  // "" (Keras 1 weights files) reads as 0
}

ConfigValue with_pre_keras3_semantics(const ConfigValue& model_config) {
  if (model_config.is_list()) {
    ConfigValue out = ConfigValue::list();
    for (const auto& v : model_config.as_list()) out.push_back(with_pre_keras3_semantics(v));
    return out;
  }
  if (!model_config.is_dict()) return model_config;
  ConfigValue out = ConfigValue::dict();
  // A GRU config without reset_after is Keras 1's or early Keras 2's: the reset gate before
  // the recurrent matmul (Keras 3's default is after).
  if (model_config.get("class_name") == ConfigValue("GRU") &&
      model_config.get("config").is_dict() && !model_config.at("config").contains("reset_after")) {
    ConfigValue layer = model_config;
    layer["config"]["reset_after"] = false;
    return with_pre_keras3_semantics(layer);
  }
  for (const auto& [key, value] : model_config.as_dict()) {
    const bool activation =
        key == "activation" || key == "recurrent_activation" || key == "inner_activation";
    out[key] = activation && value == ConfigValue("hard_sigmoid")
                   ? ConfigValue("keras2_hard_sigmoid")
                   : with_pre_keras3_semantics(value);
  }
  return out;
}

namespace {

// values[first], values[first + 3], ... concatenated on the last axis, in `gates` order.
Tensor concat_gates(const std::vector<Tensor>& values, const std::vector<std::size_t>& gates,
                    std::size_t part) {
  std::vector<Tensor> blocks;
  for (std::size_t g : gates) blocks.push_back(values.at(3 * g + part));
  return ops::concatenate(blocks, -1);
}

}  // namespace

std::vector<Tensor> merge_keras1_gate_weights(const Layer& layer, std::vector<Tensor> values) {
  std::vector<std::size_t> gates;  // saved gate blocks in the order Keras 2+ concatenates them
  if (layer.class_name() == "LSTM" && values.size() == 12) gates = {0, 2, 1, 3};  // i, f, c, o
  else if (layer.class_name() == "GRU" && values.size() == 9) gates = {0, 1, 2};  // z, r, h
  else return values;
  return {concat_gates(values, gates, 0), concat_gates(values, gates, 1),
          concat_gates(values, gates, 2)};
}

}  // namespace keras::io
