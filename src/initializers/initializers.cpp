// The initializer registry: Keras names -> constructors reading a config dict.
#include "keras/initializers/initializers.hpp"

#include <map>

#include "src/core/object_registry.hpp"

namespace keras::initializers {

namespace {

using Factory = detail::ObjectRegistry<Initializer>::Factory;

std::optional<std::int64_t> seed_of(detail::ConfigReader& r) {
  const ConfigValue s = r.raw("seed");
  if (s.is_null()) return std::nullopt;
  if (!s.is_number())
    throw ValueError("`seed` argument should be an integer or null. Received: seed=" + s.dump());
  return s.as_int();
}

std::optional<std::vector<int>> axes_of(detail::ConfigReader& r, const char* key) {
  const ConfigValue v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  std::vector<int> axes;
  for (std::int64_t a : v.as_int_list()) axes.push_back(static_cast<int>(a));
  return axes;
}

template <class T>
Factory preset() {
  return [](detail::ConfigReader& r) {
    return std::make_shared<T>(
        ScalingPresetOptions{seed_of(r), axes_of(r, "input_axes"), axes_of(r, "output_axes")});
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
          {"Zeros", [](detail::ConfigReader&) { return std::make_shared<Zeros>(); }},
          {"Ones", [](detail::ConfigReader&) { return std::make_shared<Ones>(); }},
          {"Constant",
           [](detail::ConfigReader& r) {
             return std::make_shared<Constant>(r.number("value", 0.0));
           }},
          {"Identity",
           [](detail::ConfigReader& r) {
             return std::make_shared<Identity>(r.number("gain", 1.0));
           }},
          {"RandomUniform",
           [](detail::ConfigReader& r) {
             return std::make_shared<RandomUniform>(RandomUniformOptions{
                 r.number("minval", -0.05), r.number("maxval", 0.05), seed_of(r)});
           }},
          {"RandomNormal",
           [](detail::ConfigReader& r) {
             return std::make_shared<RandomNormal>(
                 RandomNormalOptions{r.number("mean", 0.0), r.number("stddev", 0.05), seed_of(r)});
           }},
          {"TruncatedNormal",
           [](detail::ConfigReader& r) {
             return std::make_shared<TruncatedNormal>(TruncatedNormalOptions{
                 r.number("mean", 0.0), r.number("stddev", 0.05), seed_of(r)});
           }},
          {"VarianceScaling",
           [](detail::ConfigReader& r) {
             return std::make_shared<VarianceScaling>(
                 VarianceScalingOptions{r.number("scale", 1.0), r.string("mode", "fan_in"),
                                        r.string("distribution", "truncated_normal"), seed_of(r),
                                        axes_of(r, "input_axes"), axes_of(r, "output_axes")});
           }},
          {"GlorotUniform", preset<GlorotUniform>()},
          {"GlorotNormal", preset<GlorotNormal>()},
          {"HeUniform", preset<HeUniform>()},
          {"HeNormal", preset<HeNormal>()},
          {"LecunUniform", preset<LecunUniform>()},
          {"LecunNormal", preset<LecunNormal>()},
          {"Orthogonal",
           [](detail::ConfigReader& r) {
             return std::make_shared<Orthogonal>(
                 OrthogonalOptions{r.number("gain", 1.0), seed_of(r)});
           }},
      },
      aliases(), {"dtype"});
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
