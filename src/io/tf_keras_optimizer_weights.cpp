#include "src/io/tf_keras_optimizer_weights.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "keras/core/errors.hpp"
#include "keras/optimizers/optimizer.hpp"

namespace keras::io {

namespace {

constexpr const char* kIteration = "iteration";

// tf.keras's slot names and Keras 3's for the same state.
const std::map<std::string, std::string>& keras3_slot_names() {
  static const std::map<std::string, std::string> names{
      {"m", "momentum"},        {"v", "velocity"},        {"vhat", "velocity_hat"},
      {"velocity", "velocity"}, {"momentum", "momentum"}, {"average_gradient", "average_gradient"},
      {"average", "average"}};
  return names;
}

std::string without_device_suffix(const std::string& name) {
  return name.size() > 2 && name.compare(name.size() - 2, 2, ":0") == 0
             ? name.substr(0, name.size() - 2)
             : name;
}

std::string underscored(std::string path) {
  std::replace(path.begin(), path.end(), '/', '_');
  return path;
}

// The saved slots: Keras 3 slot name -> tf.keras variable path -> value.
using SavedSlots = std::map<std::string, std::map<std::string, Tensor>>;

// "Adam/m/h/kernel:0" into slots["momentum"]["h/kernel"]; other names are left out.
void add_slot(SavedSlots& slots, const std::string& tf_name, const Tensor& value) {
  const std::string name = without_device_suffix(tf_name);
  const auto first = name.find('/');
  const auto second = first == std::string::npos ? first : name.find('/', first + 1);
  if (second == std::string::npos) return;
  const auto slot = keras3_slot_names().find(name.substr(first + 1, second - first - 1));
  if (slot != keras3_slot_names().end()) slots[slot->second][name.substr(second + 1)] = value;
}

// The saved value of `slot` for our variable at `path`. tf.keras paths start at the layer
// ("hidden/kernel"); ours may start at the model ("clf/hidden/kernel" in a Sequential): the
// longest suffix of ours, cut at a "/", that still names a layer and a variable.
std::optional<Tensor> find_slot(const SavedSlots& slots, const std::string& slot,
                                std::string path) {
  auto it = slots.find(slot);
  if (it == slots.end()) return std::nullopt;
  while (path.find('/') != std::string::npos) {
    auto value = it->second.find(path);
    if (value != it->second.end()) return value->second;
    path = path.substr(path.find('/') + 1);
  }
  return std::nullopt;
}

}  // namespace

bool is_tf_keras_optimizer_layout(const std::vector<std::string>& names) {
  return std::find(names.begin(), names.end(), "iteration:0") != names.end();
}

std::vector<Tensor> tf_keras_optimizer_values(Model& model, const std::vector<std::string>& names,
                                              const std::vector<Tensor>& values,
                                              const std::string& file) {
  auto optimizer = model.optimizer();
  optimizer->build(model.trainable_variables());
  SavedSlots slots;
  std::map<std::string, std::optional<Tensor>> by_our_name;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (without_device_suffix(names[i]) == kIteration) by_our_name[kIteration] = values[i];
    else add_slot(slots, names[i], values[i]);
  }
  // Our slot variables are named "<variable path with _>_<slot>" (Optimizer::build).
  for (const auto& variable : model.trainable_variables())
    for (const auto& entry : slots)
      by_our_name[underscored(variable.path()) + "_" + entry.first] =
          find_slot(slots, entry.first, variable.path());
  std::vector<Tensor> out;
  for (const auto& variable : optimizer->variables()) {
    // tf.keras keeps the learning rate in the optimizer's config alone.
    if (variable.name() == "learning_rate") {
      out.push_back(variable.value());
      continue;
    }
    auto it = by_our_name.find(variable.name());
    if (it == by_our_name.end() || !it->second)
      throw ValueError("'" + file + "': the tf.keras optimizer state holds no value for " +
                       optimizer->name() + "'s variable '" + variable.name() + "'");
    out.push_back(*it->second);
  }
  return out;
}

namespace {

// Keras 3's slot name as tf-keras names it: Adam's and SGD's momentum is m, RMSprop's keeps
// Keras 3's names.
std::string tf_keras_slot_name(const std::string& optimizer_class, const std::string& slot) {
  if (optimizer_class == "RMSprop") return slot;
  static const std::map<std::string, std::string> names{
      {"momentum", "m"}, {"velocity", "v"}, {"velocity_hat", "vhat"}};
  auto it = names.find(slot);
  return it == names.end() ? slot : it->second;
}

// A variable's path as tf-keras writes it: from its layer, not from the model.
std::string tf_keras_path(const Model& model, const std::string& path) {
  const std::string prefix = model.name() + "/";
  return path.starts_with(prefix) ? path.substr(prefix.size()) : path;
}

}  // namespace

TfKerasOptimizerWeights tf_keras_optimizer_weights(const Model& model) {
  const auto& optimizer = *model.optimizer();
  const std::string prefix = optimizer.class_name() + "/";
  TfKerasOptimizerWeights out;
  for (const auto& variable : optimizer.variables()) {
    const std::string& name = variable.name();
    if (name == "learning_rate") continue;
    if (name == kIteration) {
      out.names.push_back("iteration:0");
      out.variables.push_back(variable);
      continue;
    }
    // The model variable it belongs to: "<path with _>_<slot>" (Optimizer::build), the longest
    // such path, since one path with "_" may prefix another.
    std::string owner, slot;
    for (const auto& v : model.trainable_variables()) {
      const std::string stem = underscored(v.path()) + "_";
      if (name.starts_with(stem) && stem.size() > owner.size() + 1) {
        owner = v.path();
        slot = name.substr(stem.size());
      }
    }
    if (owner.empty())
      throw ValueError("save(legacy_h5_reader=tf_keras_2): " + optimizer.name() + "'s variable '" +
                       name + "' belongs to no trainable variable of model '" + model.name() +
                       "', so tf-keras could not place it");
    out.names.push_back(prefix + tf_keras_slot_name(optimizer.class_name(), slot) + "/" +
                        tf_keras_path(model, owner) + ":0");
    out.variables.push_back(variable);
  }
  return out;
}

}  // namespace keras::io
