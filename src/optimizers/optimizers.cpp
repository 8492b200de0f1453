#include "src/utils/text.hpp"
#include "keras/optimizers/optimizers.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "keras/core/errors.hpp"

namespace keras::optimizers {

namespace {

using Factory = std::function<std::shared_ptr<Optimizer>(const ConfigValue&)>;

template <class O>
Factory factory() {
  return [](const ConfigValue& c) { return std::shared_ptr<Optimizer>(O::from_config(c)); };
}

// Keyed by the lower-cased class name, as keras.optimizers.ALL_OBJECTS_DICT is.
const std::map<std::string, Factory>& registry() {
  static const std::map<std::string, Factory> r = {
      {"adadelta", factory<AdadeltaImpl>()},
      {"adafactor", factory<AdafactorImpl>()},
      {"adagrad", factory<AdagradImpl>()},
      {"adam", factory<AdamImpl>()},
      {"adamax", factory<AdamaxImpl>()},
      {"adamw", factory<AdamWImpl>()},
      {"ftrl", factory<FtrlImpl>()},
      // Keras 3.15's get/deserialize leave Lamb out of their table (so they cannot read back
      // a file naming it); a lenient reader takes it.
      {"lamb", factory<LambImpl>()},
      {"lion", factory<LionImpl>()},
      {"lossscaleoptimizer", factory<LossScaleOptimizerImpl>()},
      {"multioptimizer", factory<MultiOptimizerImpl>()},
      {"muon", factory<MuonImpl>()},
      {"nadam", factory<NadamImpl>()},
      {"rmsprop", factory<RMSpropImpl>()},
      {"schedulefreeadamw", factory<ScheduleFreeAdamWImpl>()},
      {"sgd", factory<SGDImpl>()},
  };
  return r;
}

std::string valid_names() {
  std::string out;
  for (const auto& [name, factory] : registry()) out += (out.empty() ? "'" : ", '") + name + "'";
  return out + " (or the class names, in any case)";
}

}  // namespace

std::shared_ptr<Optimizer> deserialize(const ConfigValue& config) {
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "An optimizer config must be a dict with 'class_name' and 'config'; received " +
        config.dump());
  const std::string& class_name = config.at("class_name").as_string();
  const std::string key = keras::utils::detail::to_lower(class_name);
  auto it = registry().find(key);
  if (it == registry().end()) {
    if (key == "optimizermap")
      throw TypeError(
          "OptimizerMap is not an optimizer: it maps variables to optimizers for a "
          "MultiOptimizer (pass it as MultiOptimizer's `optimizer_map`).");
    throw ValueError("Could not interpret optimizer identifier: '" + class_name +
                     "'. Expected one of: " + valid_names());
  }
  return it->second(config.get("config", ConfigValue::dict()));
}

std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const auto& [name, factory] : registry()) out.push_back(name);
  return out;
}

std::shared_ptr<Optimizer> get(const std::string& identifier) {
  ConfigValue config = ConfigValue::dict();
  config["class_name"] = identifier;
  config["config"] = ConfigValue::dict();
  return deserialize(config);
}

std::shared_ptr<Optimizer> get(const char* identifier) { return get(std::string(identifier)); }

std::shared_ptr<Optimizer> get(const ConfigValue& identifier) {
  if (identifier.is_string()) return get(identifier.as_string());
  if (identifier.is_dict()) return deserialize(identifier);
  throw ValueError("Could not interpret optimizer identifier: " + identifier.dump());
}

ConfigValue serialize(const Optimizer& optimizer) {
  ConfigValue out = ConfigValue::dict();
  out["module"] = "keras.optimizers";
  out["class_name"] = optimizer.class_name();
  out["config"] = optimizer.get_config();
  out["registered_name"] = nullptr;
  return out;
}

}  // namespace keras::optimizers
