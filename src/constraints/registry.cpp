// The constraint registry: Keras names -> constructors reading a config dict
// (keras/src/constraints/__init__.py, plus the Keras 1/2 names older files use).
#include "keras/constraints/constraints.hpp"
#include "src/core/object_registry.hpp"

namespace keras::constraints {

namespace {

Number number(const ConfigValue& c, const char* key, Number fallback) {
  const ConfigValue v = c.get(key);
  return v.is_null() ? fallback : Number::from_config(v, key);
}

Axis axis_of(const ConfigValue& c) {
  return c.contains("axis") ? Axis::from_config(c.at("axis")) : Axis(0);
}

const detail::ObjectRegistry<Constraint>& registry() {
  static const detail::ObjectRegistry<Constraint> table(
      "constraint", "keras.constraints",
      {
          {"Constraint", [](const ConfigValue&) { return std::make_shared<Constraint>(); }},
          {"MaxNorm",
           [](const ConfigValue& c) {
             // Keras 1 called max_value "m" (Keras 2.0 still converted it).
             Number max_value = number(c, "m", 2);
             return std::make_shared<MaxNorm>(
                 MaxNormOptions{number(c, "max_value", max_value), axis_of(c)});
           }},
          {"MinMaxNorm",
           [](const ConfigValue& c) {
             return std::make_shared<MinMaxNorm>(
                 MinMaxNormOptions{number(c, "min_value", 0.0), number(c, "max_value", 1.0),
                                   number(c, "rate", 1.0), axis_of(c)});
           }},
          {"NonNeg", [](const ConfigValue&) { return std::make_shared<NonNeg>(); }},
          {"UnitNorm", [](const ConfigValue& c) { return std::make_shared<UnitNorm>(axis_of(c)); }},
      },
      {
          {"constraint", "Constraint"},
          {"max_norm", "MaxNorm"},
          {"min_max_norm", "MinMaxNorm"},
          {"non_neg", "NonNeg"},
          {"unit_norm", "UnitNorm"},
          // Keras 1 and 2's legacy aliases.
          {"maxnorm", "MaxNorm"},
          {"nonneg", "NonNeg"},
          {"unitnorm", "UnitNorm"},
      });
  return table;
}

}  // namespace

std::shared_ptr<Constraint> get(const std::string& identifier) {
  return registry().get(identifier);
}

std::shared_ptr<Constraint> deserialize(const ConfigValue& config) {
  return registry().deserialize(config);
}

ConfigValue serialize(const Constraint& constraint) { return registry().serialize(constraint); }

std::vector<std::string> all_names() { return registry().all_names(); }

}  // namespace keras::constraints
