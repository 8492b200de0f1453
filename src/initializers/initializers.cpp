// The initializer registry: Keras names -> constructors reading a config dict.
#include "keras/initializers/initializers.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace keras::initializers {

namespace {

using Factory = std::function<std::shared_ptr<Initializer>(const ConfigValue& config)>;

double number(const ConfigValue& c, const char* key, double fallback) {
  return c.get(key, fallback).as_double();
}

std::optional<std::int64_t> seed_of(const ConfigValue& c) {
  const ConfigValue s = c.get("seed");
  if (s.is_null()) return std::nullopt;
  if (!s.is_number())
    throw ValueError("`seed` argument should be an integer or null. Received: seed=" + s.dump());
  return s.as_int();
}

std::optional<std::vector<int>> axes_of(const ConfigValue& c, const char* key) {
  const ConfigValue v = c.get(key);
  if (v.is_null()) return std::nullopt;
  std::vector<int> axes;
  for (std::int64_t a : v.as_int_list()) axes.push_back(static_cast<int>(a));
  return axes;
}

template <class T>
Factory preset() {
  return [](const ConfigValue& c) {
    return std::make_shared<T>(
        ScalingPresetOptions{seed_of(c), axes_of(c, "input_axes"), axes_of(c, "output_axes")});
  };
}

// Canonical class name -> factory.
const std::map<std::string, Factory>& factories() {
  static const std::map<std::string, Factory> table = {
      {"Zeros", [](const ConfigValue&) { return std::make_shared<Zeros>(); }},
      {"Ones", [](const ConfigValue&) { return std::make_shared<Ones>(); }},
      {"Constant",
       [](const ConfigValue& c) { return std::make_shared<Constant>(number(c, "value", 0.0)); }},
      {"Identity",
       [](const ConfigValue& c) { return std::make_shared<Identity>(number(c, "gain", 1.0)); }},
      {"RandomUniform",
       [](const ConfigValue& c) {
         return std::make_shared<RandomUniform>(RandomUniformOptions{
             number(c, "minval", -0.05), number(c, "maxval", 0.05), seed_of(c)});
       }},
      {"RandomNormal",
       [](const ConfigValue& c) {
         return std::make_shared<RandomNormal>(
             RandomNormalOptions{number(c, "mean", 0.0), number(c, "stddev", 0.05), seed_of(c)});
       }},
      {"TruncatedNormal",
       [](const ConfigValue& c) {
         return std::make_shared<TruncatedNormal>(
             TruncatedNormalOptions{number(c, "mean", 0.0), number(c, "stddev", 0.05), seed_of(c)});
       }},
      {"VarianceScaling",
       [](const ConfigValue& c) {
         return std::make_shared<VarianceScaling>(VarianceScalingOptions{
             number(c, "scale", 1.0), c.get("mode", "fan_in").as_string(),
             c.get("distribution", "truncated_normal").as_string(), seed_of(c),
             axes_of(c, "input_axes"), axes_of(c, "output_axes")});
       }},
      {"GlorotUniform", preset<GlorotUniform>()},
      {"GlorotNormal", preset<GlorotNormal>()},
      {"HeUniform", preset<HeUniform>()},
      {"HeNormal", preset<HeNormal>()},
      {"LecunUniform", preset<LecunUniform>()},
      {"LecunNormal", preset<LecunNormal>()},
      {"Orthogonal",
       [](const ConfigValue& c) {
         return std::make_shared<Orthogonal>(OrthogonalOptions{number(c, "gain", 1.0), seed_of(c)});
       }},
  };
  return table;
}

// Every accepted name -> canonical class name (keras/src/initializers/__init__.py).
const std::map<std::string, std::string>& names() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> t;
    const std::pair<const char*, const char*> snake[] = {
        {"Zeros", "zeros"},
        {"Ones", "ones"},
        {"Constant", "constant"},
        {"Identity", "identity"},
        {"RandomUniform", "random_uniform"},
        {"RandomNormal", "random_normal"},
        {"TruncatedNormal", "truncated_normal"},
        {"VarianceScaling", "variance_scaling"},
        {"GlorotUniform", "glorot_uniform"},
        {"GlorotNormal", "glorot_normal"},
        {"HeUniform", "he_uniform"},
        {"HeNormal", "he_normal"},
        {"LecunUniform", "lecun_uniform"},
        {"LecunNormal", "lecun_normal"},
        {"Orthogonal", "orthogonal"},
    };
    for (const auto& [cls, name] : snake) {
      t[cls] = cls;
      t[name] = cls;
    }
    t["IdentityInitializer"] = "Identity";
    t["OrthogonalInitializer"] = "Orthogonal";
    t["normal"] = "RandomNormal";
    t["uniform"] = "RandomUniform";
    t["one"] = "Ones";
    t["zero"] = "Zeros";
    return t;
  }();
  return table;
}

std::string joined_names() {
  std::string s;
  for (const auto& n : all_names()) s += (s.empty() ? "" : ", ") + n;
  return s;
}

const Factory& factory_for(const std::string& identifier) {
  auto it = names().find(identifier);
  if (it == names().end())
    throw ValueError("Could not interpret initializer identifier: " + identifier +
                     ". Valid identifiers: " + joined_names());
  return factories().at(it->second);
}

}  // namespace

std::shared_ptr<Initializer> get(const std::string& identifier) {
  return factory_for(identifier)(ConfigValue::dict());
}

std::shared_ptr<Initializer> deserialize(const ConfigValue& config) {
  if (config.is_string()) return get(config.as_string());
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "Could not interpret initializer config: expected a name or a dict with "
        "\"class_name\" and \"config\". Received: " +
        config.dump());
  const ConfigValue inner = config.get("config", ConfigValue::dict());
  if (!inner.is_dict())
    throw ValueError("Initializer \"config\" must be a dict. Received: " + inner.dump());
  return factory_for(config.at("class_name").as_string())(inner);
}

ConfigValue serialize(const Initializer& initializer) {
  return ConfigValue(ConfigValue::Dict{{"module", "keras.initializers"},
                                       {"class_name", initializer.class_name()},
                                       {"config", initializer.get_config()},
                                       {"registered_name", nullptr}});
}

std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const auto& [name, cls] : names()) out.push_back(name);
  return out;  // std::map keeps them sorted
}

void InitializerFamily::check(const std::string& identifier) {
  factory_for(identifier);  // an unknown name fails here, where the layer is declared
}

}  // namespace keras::initializers
