#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

#include <functional>
#include <map>

#include "keras/core/errors.hpp"
#include "keras/optimizers/schedules/schedules.hpp"

namespace keras::optimizers::schedules {

ConfigValue serialize(const LearningRateSchedule& schedule) {
  ConfigValue out = ConfigValue::dict();
  out["module"] = "keras.optimizers.schedules";
  out["class_name"] = schedule.class_name();
  out["config"] = schedule.get_config();
  out["registered_name"] = nullptr;
  return out;
}

std::shared_ptr<const LearningRateSchedule> deserialize(const ConfigValue& config) {
  using Factory = std::function<std::shared_ptr<const LearningRateSchedule>(const ConfigValue&)>;
  static const std::map<std::string, Factory> factories = {
      {"CosineDecay",
       [](const ConfigValue& c) {
         return std::make_shared<CosineDecay>(CosineDecay::from_config(c));
       }},
      {"CosineDecayRestarts",
       [](const ConfigValue& c) {
         return std::make_shared<CosineDecayRestarts>(CosineDecayRestarts::from_config(c));
       }},
      {"ExponentialDecay",
       [](const ConfigValue& c) {
         return std::make_shared<ExponentialDecay>(ExponentialDecay::from_config(c));
       }},
      {"InverseTimeDecay",
       [](const ConfigValue& c) {
         return std::make_shared<InverseTimeDecay>(InverseTimeDecay::from_config(c));
       }},
      {"PiecewiseConstantDecay",
       [](const ConfigValue& c) {
         return std::make_shared<PiecewiseConstantDecay>(PiecewiseConstantDecay::from_config(c));
       }},
      {"PolynomialDecay",
       [](const ConfigValue& c) {
         return std::make_shared<PolynomialDecay>(PolynomialDecay::from_config(c));
       }},
  };
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "A learning rate schedule config must be a dict with 'class_name' and 'config'; "
        "received " +
        config.dump());
  const std::string& name = config.at("class_name").as_string();
  auto it = factories.find(name);
  if (it == factories.end()) {
    std::string valid;
    for (const auto& [k, f] : factories) valid += (valid.empty() ? "" : ", ") + k;
    throw ValueError("Unknown learning rate schedule: '" + name + "'. Expected one of: " + valid);
  }
  return it->second(config.get("config", ConfigValue::dict()));
}

}  // namespace keras::optimizers::schedules
