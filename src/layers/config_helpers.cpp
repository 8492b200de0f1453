#include "src/layers/config_helpers.hpp"

#include "keras/core/errors.hpp"
#include "keras/layers/keras_tensor.hpp"

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

std::string describe_layer(const std::string& class_name, const std::string& name) {
  return class_name + " layer '" + name + "'";
}

detail::ConfigReader layer_config_reader(const ConfigValue& config, const std::string& class_name) {
  const ConfigValue name = config.is_dict() ? config.get("name") : ConfigValue();
  return detail::ConfigReader(
      config, class_name + " layer" + (name.is_string() ? " '" + name.as_string() + "'" : ""));
}

std::string read_dtype(const ConfigValue& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_dict()) {
    ConfigValue inner = value.get("config");
    if (inner.is_dict() && inner.contains("name")) return inner.at("name").as_string();
  }
  return "";
}

ConfigValue shape_to_config(const Shape& shape) {
  ConfigValue dims = ConfigValue::list();
  for (int i = 0; i < shape.rank(); ++i)
    dims.push_back(shape[i] == kNone ? ConfigValue() : ConfigValue(shape[i]));
  return dims;
}

Shape shape_from_config(const ConfigValue& dims, const std::string& what) {
  if (!dims.is_list())
    throw ValueError(what + ": a shape in a config must be a list of sizes or nulls, received " +
                     dims.dump().substr(0, 200));
  std::vector<std::int64_t> out;
  for (const auto& d : dims.as_list()) out.push_back(d.is_null() ? kNone : d.as_int());
  return Shape(out);
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
  return regularizers::serialize(*reg);
}

regularizers::Spec read_regularizer(const ConfigValue& value) {
  if (value.is_null()) return regularizers::Spec();
  return regularizers::Spec(regularizers::deserialize(value));
}

ConfigValue serialize_constraint(const constraints::Spec& spec) {
  auto constraint = spec.get();
  if (!constraint) return nullptr;
  return constraints::serialize(*constraint);
}

constraints::Spec read_constraint(const ConfigValue& value) {
  if (value.is_null()) return constraints::Spec();
  return constraints::Spec(constraints::deserialize(value));
}

IntTuple read_int_tuple(detail::ConfigReader& r, const std::string& key,
                        const std::optional<IntTuple>& fallback) {
  const ConfigValue value = r.raw(key);
  if (value.is_null() && fallback) return *fallback;
  if (value.is_null())
    throw ValueError(r.owner() + " config is missing the required argument `" + key + "`");
  if (value.is_integral()) return IntTuple(value.as_int());
  bool ints = value.is_list();
  if (ints)
    for (const auto& v : value.as_list()) ints = ints && v.is_integral();
  if (!ints)
    throw ValueError(r.owner() + ": `" + key + "` must be an int or a list of ints; received " +
                     value.dump());
  return IntTuple(value.as_int_list());
}

}  // namespace keras::layers
