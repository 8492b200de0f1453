#pragma once
// Internal: the tables behind keras::losses' registry (registry.cpp): the loss functions with
// the keyword arguments each takes (functions.cpp), their Keras aliases, and the loss classes
// with their from_config (classes.cpp). Keras's own table is ALL_OBJECTS_DICT in
// keras/src/losses/__init__.py.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/ops/axes.hpp"
#include "keras/losses/loss.hpp"
#include "src/core/config_reader.hpp"

namespace keras::losses::detail {

struct FunctionEntry {
  const char* name;
  // The function with the keyword arguments of a dict (or null): unknown keys warn, as in any
  // config; a wrong type is a ValueError.
  std::function<LossFn(const ConfigValue& kwargs)> make;
  // The two-argument C++ function (Keras's defaults), so `.loss = losses::hinge` is named.
  Tensor (*plain)(const Tensor&, const Tensor&);
};
const std::vector<FunctionEntry>& functions();

// {alias, canonical function name}, e.g. {"mse", "mean_squared_error"}.
const std::vector<std::pair<const char*, const char*>>& aliases();
// The canonical function name for a function name or alias, empty if neither.
std::string canonical_function(const std::string& id);

struct ClassEntry {
  const char* name;
  // The function the class wraps ("" for LossFunctionWrapper itself).
  const char* function;
  std::function<std::shared_ptr<Loss>(const ConfigValue& config)> from_config;
  // False for a class Keras exports but leaves out of ALL_OBJECTS: `get` does not know its
  // name, and only a serialized dict whose "module" is "keras.losses" (a saved model's
  // compile config) finds it, as Keras's deserialize_keras_object imports that module.
  bool by_name = true;
};
const std::vector<ClassEntry>& classes();

// `axis` as Keras configs hold it: null (None), an int or a list of ints.
ops::Axes read_axes(keras::detail::ConfigReader& r, const std::string& key);

}  // namespace keras::losses::detail
