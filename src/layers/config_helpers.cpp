#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ConfigValue dtype_policy(const std::string& dtype) {
  ConfigValue inner = ConfigValue::dict();
  inner["name"] = dtype;
  ConfigValue c = ConfigValue::dict();
  c["module"] = "keras";
  c["class_name"] = "DTypePolicy";
  c["config"] = inner;
  c["registered_name"] = nullptr;
  return c;
}

std::string read_dtype(const ConfigValue& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_dict()) {
    ConfigValue inner = value.get("config");
    if (inner.is_dict() && inner.contains("name")) return inner.at("name").as_string();
  }
  return "";
}

ConfigValue serialize_initializer(const initializers::Spec& spec) {
  auto init = spec.get();
  if (!init) return nullptr;
  return initializers::serialize(*init);
}

initializers::Spec read_initializer(const ConfigValue& value, const char* fallback) {
  if (value.is_null()) return initializers::Spec(fallback);
  return initializers::Spec(initializers::deserialize(value));
}

ConfigValue serialize_regularizer(const regularizers::Spec& spec) {
  auto reg = spec.get();
  if (!reg) return nullptr;
  ConfigValue c = ConfigValue::dict();
  c["module"] = "keras.regularizers";
  c["class_name"] = reg->class_name();
  c["config"] = reg->get_config();
  c["registered_name"] = nullptr;
  return c;
}

regularizers::Spec read_regularizer(const ConfigValue& value) {
  if (value.is_null()) return regularizers::Spec();
  return regularizers::Spec(regularizers::deserialize(value));
}

}  // namespace keras::layers
