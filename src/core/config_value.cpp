#include "keras/core/config_value.hpp"

#include <cmath>
#include <string>

#include "keras/core/errors.hpp"
#include "src/io/json.hpp"

namespace keras {

const char* ConfigValue::kind() const {
  static const char* names[] = {"null", "bool", "int", "float", "string", "list", "dict"};
  return names[v_.index()];
}

namespace {
[[noreturn]] void wrong_kind(const char* want, const char* got) {
  throw ValueError(std::string("Config value: expected ") + want + ", received " + got);
}
}  // namespace

bool ConfigValue::as_bool() const {
  if (!is_bool()) wrong_kind("bool", kind());
  return std::get<bool>(v_);
}
bool ConfigValue::is_integral() const {
  if (is_int()) return true;
  if (!std::holds_alternative<double>(v_)) return false;
  const double d = std::get<double>(v_);
  return std::floor(d) == d && std::abs(d) < 9.0e18;
}
std::int64_t ConfigValue::as_int() const {
  if (is_int()) return std::get<std::int64_t>(v_);
  if (!is_integral()) wrong_kind("int", kind());
  return static_cast<std::int64_t>(std::get<double>(v_));
}
double ConfigValue::as_double() const {
  if (std::holds_alternative<double>(v_)) return std::get<double>(v_);
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
  wrong_kind("float", kind());
}
const std::string& ConfigValue::as_string() const {
  if (!is_string()) wrong_kind("string", kind());
  return std::get<std::string>(v_);
}
const ConfigValue::List& ConfigValue::as_list() const {
  if (!is_list()) wrong_kind("list", kind());
  return std::get<List>(v_);
}
ConfigValue::List& ConfigValue::as_list() {
  if (!is_list()) wrong_kind("list", kind());
  return std::get<List>(v_);
}
const ConfigValue::Dict& ConfigValue::as_dict() const {
  if (!is_dict()) wrong_kind("dict", kind());
  return std::get<Dict>(v_);
}
ConfigValue::Dict& ConfigValue::as_dict() {
  if (is_null()) v_ = Dict{};
  if (!is_dict()) wrong_kind("dict", kind());
  return std::get<Dict>(v_);
}
std::vector<std::int64_t> ConfigValue::as_int_list() const {
  std::vector<std::int64_t> out;
  for (const auto& v : as_list()) out.push_back(v.as_int());
  return out;
}

bool ConfigValue::contains(const std::string& key) const {
  if (!is_dict()) return false;
  for (const auto& [k, v] : std::get<Dict>(v_))
    if (k == key) return true;
  return false;
}
const ConfigValue& ConfigValue::at(const std::string& key) const {
  for (const auto& [k, v] : as_dict())
    if (k == key) return v;
  throw ValueError("Config is missing the key '" + key + "'");
}
ConfigValue& ConfigValue::operator[](const std::string& key) {
  auto& d = as_dict();
  for (auto& [k, v] : d)
    if (k == key) return v;
  d.emplace_back(key, ConfigValue());
  return d.back().second;
}
ConfigValue ConfigValue::get(const std::string& key, ConfigValue fallback) const {
  if (!is_dict()) return fallback;
  for (const auto& [k, v] : std::get<Dict>(v_))
    if (k == key) return v.is_null() ? fallback : v;
  return fallback;
}
std::size_t ConfigValue::size() const {
  if (is_list()) return std::get<List>(v_).size();
  if (is_dict()) return std::get<Dict>(v_).size();
  return 0;
}

// The text form is Python's json module's, through nlohmann_json (src/io/json.cpp), shared
// with the file formats that store configs as JSON.
std::string ConfigValue::dump() const { return io::dump_json(io::to_json(*this)); }

ConfigValue ConfigValue::parse(const std::string& json) {
  return io::from_json(io::parse_json(json));
}

}  // namespace keras
