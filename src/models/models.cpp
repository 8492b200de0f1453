#include "keras/models/models.hpp"

#include "keras/core/errors.hpp"
#include "keras/layers/registry.hpp"

namespace keras::models {

ModelHandle<> model_from_config(const ConfigValue& config,
                                const saving::CustomObjects& custom_objects) {
  // As Keras: the call's custom_objects are a scope around the whole deserialization, so nested
  // models and compile configs see them too.
  saving::CustomObjectScope scope(custom_objects);
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

ModelHandle<> model_from_json(const std::string& json,
                              const saving::CustomObjects& custom_objects) {
  return model_from_config(ConfigValue::parse(json), custom_objects);
}

ModelHandle<> load_model(const std::string& filepath, const LoadOptions& options) {
  saving::CustomObjectScope scope(options.custom_objects);
  return load_model(filepath, options.compile);
}

}  // namespace keras::models
