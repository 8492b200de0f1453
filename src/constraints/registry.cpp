// The constraint registry: Keras names -> constructors reading a config dict
// (keras/src/constraints/__init__.py, plus the Keras 1/2 names older files use).
#include "keras/constraints/constraints.hpp"
#include "src/core/object_registry.hpp"

namespace keras::constraints {

namespace {

Number number(detail::ConfigReader& r, const char* key, Number fallback) {
  const ConfigValue v = r.raw(key);
  return v.is_null() ? fallback : Number::from_config(v, key);
}

Axis axis_of(detail::ConfigReader& r) {
  return r.present("axis") ? Axis::from_config(r.raw("axis")) : Axis(0);
}

const detail::ObjectRegistry<Constraint>& registry() {
  static const detail::ObjectRegistry<Constraint> table(
      "constraint", "keras.constraints",
      {
          {"Constraint", [](detail::ConfigReader&) { return std::make_shared<Constraint>(); }},
          {"MaxNorm",
           [](detail::ConfigReader& r) {
             // Keras 1 called max_value "m" (Keras 2.0 still converted it).
             Number max_value = number(r, "m", 2);
             return std::make_shared<MaxNorm>(
                 MaxNormOptions{number(r, "max_value", max_value), axis_of(r)});
           }},
          {"MinMaxNorm",
           [](detail::ConfigReader& r) {
             return std::make_shared<MinMaxNorm>(
                 MinMaxNormOptions{number(r, "min_value", 0.0), number(r, "max_value", 1.0),
                                   number(r, "rate", 1.0), axis_of(r)});
           }},
          {"NonNeg", [](detail::ConfigReader&) { return std::make_shared<NonNeg>(); }},
          {"UnitNorm",
           [](detail::ConfigReader& r) { return std::make_shared<UnitNorm>(axis_of(r)); }},
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
