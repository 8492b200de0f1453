#include "src/layers/attention/attention_sublayers.hpp"

#include "keras/core/errors.hpp"

namespace keras::layers::impl {

void require_positive(std::int64_t value, const char* argument, bool or_none) {
  if (value > 0) return;
  throw ValueError(std::string("Received an invalid value for argument `") + argument +
                   "`, expected a positive integer" + (or_none ? " or `None`" : "") +
                   ". Received: " + argument + "=" + std::to_string(value));
}

initializers::Spec fresh_initializer(const initializers::Spec& spec) {
  if (!spec) return spec;
  return initializers::Spec(initializers::deserialize(initializers::serialize(*spec.get())));
}

ConfigValue shapes_dict_build_config(const std::vector<Shape>& shapes) {
  if (shapes.size() < 2) return ConfigValue();
  ConfigValue dict = ConfigValue::dict();
  dict["query_shape"] = shape_to_config(shapes[0]);
  dict["value_shape"] = shape_to_config(shapes[1]);
  if (shapes.size() == 3) dict["key_shape"] = shape_to_config(shapes[2]);
  ConfigValue c = ConfigValue::dict();
  c["shapes_dict"] = dict;
  return c;
}

std::vector<Shape> read_shapes_dict(const ConfigValue& build_config, const std::string& what) {
  if (!build_config.is_dict()) return {};
  const ConfigValue shapes = build_config.get("shapes_dict", ConfigValue());
  if (!shapes.is_dict()) return {};
  std::vector<Shape> list{shape_from_config(shapes.get("query_shape", ConfigValue()), what),
                          shape_from_config(shapes.get("value_shape", ConfigValue()), what)};
  if (const ConfigValue key = shapes.get("key_shape", ConfigValue()); !key.is_null())
    list.push_back(shape_from_config(key, what));
  return list;
}

}  // namespace keras::layers::impl
