#include "src/core/config_reader.hpp"

#include "keras/core/errors.hpp"
#include "src/utils/messages.hpp"

namespace keras::detail {

namespace {
const char* kind_name(const ConfigValue& v) {
  if (v.is_list()) return "a list";
  if (v.is_dict()) return "a dict";
  if (v.is_string()) return "a string";
  if (v.is_bool()) return "a bool";
  if (v.is_int()) return "an int";
  return "a float";
}
}  // namespace

ConfigReader::ConfigReader(const ConfigValue& config, std::string owner)
    : empty_(ConfigValue::dict()),
      config_(config.is_null() ? empty_ : config),
      owner_(std::move(owner)) {
  if (!config_.is_dict())
    throw ValueError(owner_ + ": expected a config dict, received " + config_.dump());
}

bool ConfigReader::has(const std::string& key) const {
  return config_.contains(key) && !config_.at(key).is_null();
}

bool ConfigReader::present(const std::string& key) const { return config_.contains(key); }

const ConfigValue& ConfigReader::value(const std::string& key) {
  read_.insert(key);
  static const ConfigValue kNull;
  return config_.contains(key) ? config_.at(key) : kNull;
}

void ConfigReader::wrong_type(const std::string& key, const char* want,
                              const ConfigValue& got) const {
  throw ValueError(owner_ + ": argument `" + key + "` must be " + want + "; received " +
                   kind_name(got) + ", " + got.dump());
}

ConfigValue ConfigReader::raw(const std::string& key) { return value(key); }

double ConfigReader::number(const std::string& key, double fallback) {
  return optional_number(key).value_or(fallback);
}

std::int64_t ConfigReader::integer(const std::string& key, std::int64_t fallback) {
  return optional_integer(key).value_or(fallback);
}

bool ConfigReader::boolean(const std::string& key, bool fallback) {
  const ConfigValue& v = value(key);
  if (v.is_null()) return fallback;
  if (!v.is_bool()) wrong_type(key, "a bool", v);
  return v.as_bool();
}

std::string ConfigReader::string(const std::string& key, std::string fallback) {
  return optional_string(key).value_or(std::move(fallback));
}

std::optional<double> ConfigReader::optional_number(const std::string& key) {
  const ConfigValue& v = value(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) wrong_type(key, "a number", v);
  return v.as_double();
}

std::optional<std::int64_t> ConfigReader::optional_integer(const std::string& key) {
  const ConfigValue& v = value(key);
  if (v.is_null()) return std::nullopt;
  // Keras 1/2 JSON sometimes wrote integral arguments as floats (10.0): accepted when integral.
  if (!v.is_integral()) wrong_type(key, "an int", v);
  return v.as_int();
}

std::optional<std::string> ConfigReader::optional_string(const std::string& key) {
  const ConfigValue& v = value(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) wrong_type(key, "a string", v);
  return v.as_string();
}

void ConfigReader::require(const std::string& key) const {
  if (!has(key))
    throw ValueError(owner_ + " config is missing the required argument `" + key + "`");
}

double ConfigReader::required_number(const std::string& key) {
  require(key);
  return number(key, 0.0);
}

std::int64_t ConfigReader::required_integer(const std::string& key) {
  require(key);
  return integer(key, 0);
}

std::string ConfigReader::required_string(const std::string& key) {
  require(key);
  return string(key, "");
}

std::string ConfigReader::alias(std::initializer_list<const char*> keys) {
  std::string found;
  for (const char* k : keys) {
    read_.insert(k);
    if (found.empty() && config_.contains(k)) found = k;
  }
  return found;
}

void ConfigReader::ignore(std::initializer_list<const char*> keys) {
  for (const char* k : keys) read_.insert(k);
}

ConfigValue ConfigReader::unread_keys() const {
  ConfigValue out = ConfigValue::dict();
  for (const auto& [k, v] : config_.as_dict())
    if (!read_.count(k)) out[k] = v;
  return out;
}

ConfigValue ConfigReader::unread() {
  ConfigValue out = unread_keys();
  for (const auto& [k, v] : out.as_dict()) read_.insert(k);
  return out;
}

void ConfigReader::finish() const {
  const ConfigValue unread = unread_keys();
  if (unread.size() > 0)
    utils::detail::warn(owner_ +
                        ": ignoring config argument(s) keraspp does not take: " + unread.dump());
}

}  // namespace keras::detail
