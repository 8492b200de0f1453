// The initializer registry: Keras names -> constructors reading a config dict.
#include "keras/initializers/initializers.hpp"

#include <map>

#include "src/core/object_registry.hpp"

namespace keras::initializers {

namespace {

using Factory = detail::ObjectRegistry<Initializer>::Factory;

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

// Every accepted name other than the class names -> class name
// (keras/src/initializers/__init__.py).
std::map<std::string, std::string> aliases() {
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
  for (const auto& [cls, name] : snake) t[name] = cls;
  t["IdentityInitializer"] = "Identity";
  t["OrthogonalInitializer"] = "Orthogonal";
  t["normal"] = "RandomNormal";
  t["uniform"] = "RandomUniform";
  t["one"] = "Ones";
  t["zero"] = "Zeros";
  return t;
}

const detail::ObjectRegistry<Initializer>& registry() {
  static const detail::ObjectRegistry<Initializer> table(
      "initializer", "keras.initializers",
      {
          {"Zeros", [](const ConfigValue&) { return std::make_shared<Zeros>(); }},
          {"Ones", [](const ConfigValue&) { return std::make_shared<Ones>(); }},
          {"Constant",
           [](const ConfigValue& c) {
             return std::make_shared<Constant>(number(c, "value", 0.0));
           }},
          {"Identity",
           [](const ConfigValue& c) { return std::make_shared<Identity>(number(c, "gain", 1.0)); }},
          {"RandomUniform",
           [](const ConfigValue& c) {
             return std::make_shared<RandomUniform>(RandomUniformOptions{
                 number(c, "minval", -0.05), number(c, "maxval", 0.05), seed_of(c)});
           }},
          {"RandomNormal",
           [](const ConfigValue& c) {
             return std::make_shared<RandomNormal>(RandomNormalOptions{
                 number(c, "mean", 0.0), number(c, "stddev", 0.05), seed_of(c)});
           }},
          {"TruncatedNormal",
           [](const ConfigValue& c) {
             return std::make_shared<TruncatedNormal>(TruncatedNormalOptions{
                 number(c, "mean", 0.0), number(c, "stddev", 0.05), seed_of(c)});
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
             return std::make_shared<Orthogonal>(
                 OrthogonalOptions{number(c, "gain", 1.0), seed_of(c)});
           }},
      },
      aliases());
  return table;
}

}  // namespace

std::shared_ptr<Initializer> get(const std::string& identifier) {
  return registry().get(identifier);
}

std::shared_ptr<Initializer> deserialize(const ConfigValue& config) {
  return registry().deserialize(config);
}

ConfigValue serialize(const Initializer& initializer) { return registry().serialize(initializer); }

std::vector<std::string> all_names() { return registry().all_names(); }

void InitializerFamily::check(const std::string& identifier) {
  registry().factory(identifier);  // an unknown name fails here, where the layer is declared
}

}  // namespace keras::initializers
