// The config readers the metric families share (registry_tables.hpp).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

std::vector<int> int_list(keras::detail::ConfigReader& r, const std::string& key,
                          std::vector<int> fallback) {
  const ConfigValue v = r.raw(key);
  if (v.is_null()) return fallback;
  if (!v.is_list())
    throw ValueError(r.owner() + ": `" + key + "` must be a list of ints, received " + v.dump());
  std::vector<int> out;
  for (const auto& x : v.as_list()) {
    if (!x.is_integral())
      throw ValueError(r.owner() + ": `" + key + "` must be a list of ints, received " + v.dump());
    out.push_back(static_cast<int>(x.as_int()));
  }
  return out;
}

std::optional<int> optional_int(keras::detail::ConfigReader& r, const std::string& key) {
  auto v = r.optional_integer(key);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<std::vector<double>> optional_floats(keras::detail::ConfigReader& r,
                                                   const std::string& key) {
  ConfigValue v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_dict() && v.get("class_name") == ConfigValue("__tensor__"))
    v = v.at("config").at("value");
  if (!v.is_list())
    throw ValueError(r.owner() + ": `" + key + "` must be a list of floats or None, received " +
                     v.dump());
  std::vector<double> out;
  for (const auto& x : v.as_list()) out.push_back(x.as_double());
  return out;
}

}  // namespace keras::metrics::detail
