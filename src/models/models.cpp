#include "keras/models/models.hpp"

#include "keras/core/errors.hpp"
#include "keras/layers/registry.hpp"

namespace keras::models {

ModelHandle<> model_from_config(const ConfigValue& config) {
  if (!config.is_dict() || !config.get("class_name").is_string())
    throw ValueError("A model config must be a dict with `class_name` and `config`; received " +
                     config.dump().substr(0, 200));
  auto layer = layers::deserialize(config);
  auto model = std::dynamic_pointer_cast<Model>(layer);
  if (!model)
    throw ValueError("Expected a model config (Functional, Model or Sequential); received class " +
                     config.at("class_name").as_string());
  return ModelHandle<>(model);
}

ModelHandle<> model_from_json(const std::string& json) {
  return model_from_config(ConfigValue::parse(json));
}

}  // namespace keras::models
