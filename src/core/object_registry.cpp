#include "src/core/object_registry.hpp"

#include "keras/core/errors.hpp"

namespace keras::detail {

void throw_unknown_identifier(const char* kind, const std::string& identifier,
                              const std::vector<std::string>& valid) {
  std::string names;
  for (const auto& n : valid) names += (names.empty() ? "" : ", ") + n;
  throw ValueError(std::string("Could not interpret ") + kind + " identifier: " + identifier +
                   ". Valid identifiers: " + names);
}

std::pair<std::string, ConfigValue> split_serialized(const char* kind, const ConfigValue& config) {
  if (!config.is_dict() || !config.get("class_name").is_string())
    throw ValueError(std::string("Could not interpret ") + kind +
                     " config: expected a name or a dict with \"class_name\" and \"config\". "
                     "Received: " +
                     config.dump());
  ConfigValue inner = config.get("config", ConfigValue::dict());
  if (inner.is_null()) inner = ConfigValue::dict();
  if (!inner.is_dict())
    throw ValueError(std::string("The \"config\" of a serialized ") + kind +
                     " must be a dict. Received: " + inner.dump());
  return {config.at("class_name").as_string(), inner};
}

ConfigValue serialized(const char* module, const std::string& class_name, ConfigValue config) {
  return ConfigValue(ConfigValue::Dict{{"module", module},
                                       {"class_name", class_name},
                                       {"config", std::move(config)},
                                       {"registered_name", nullptr}});
}

}  // namespace keras::detail
