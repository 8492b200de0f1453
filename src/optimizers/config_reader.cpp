#include "src/optimizers/config_reader.hpp"

#include "keras/core/errors.hpp"

namespace keras::optimizers::detail {

ConfigReader::ConfigReader(const ConfigValue& config, std::string owner)
    : config_(config), owner_(std::move(owner)) {
  if (!config_.is_dict() && !config_.is_null())
    throw ValueError(owner_ + " config must be a dict; received " + config_.dump());
}

bool ConfigReader::has(const std::string& key) const {
  return config_.contains(key) && !config_.at(key).is_null();
}

bool ConfigReader::present(const std::string& key) const { return config_.contains(key); }

ConfigValue ConfigReader::raw(const std::string& key) {
  used_.insert(key);
  return config_.is_dict() ? config_.get(key) : ConfigValue();
}

void ConfigReader::ignore(const std::string& key) { used_.insert(key); }

double ConfigReader::number(const std::string& key, double fallback) {
  ConfigValue v = raw(key);
  return v.is_null() ? fallback : v.as_double();
}

double ConfigReader::required_number(const std::string& key) {
  if (!has(key))
    throw ValueError(owner_ + " config is missing the required argument '" + key + "'");
  return number(key, 0.0);
}

std::int64_t ConfigReader::integer(const std::string& key, std::int64_t fallback) {
  ConfigValue v = raw(key);
  return v.is_null() ? fallback : v.as_int();
}

std::int64_t ConfigReader::required_integer(const std::string& key) {
  if (!has(key))
    throw ValueError(owner_ + " config is missing the required argument '" + key + "'");
  return integer(key, 0);
}

bool ConfigReader::boolean(const std::string& key, bool fallback) {
  ConfigValue v = raw(key);
  return v.is_null() ? fallback : v.as_bool();
}

std::string ConfigReader::string(const std::string& key, std::string fallback) {
  ConfigValue v = raw(key);
  return v.is_null() ? fallback : v.as_string();
}

std::optional<double> ConfigReader::optional_number(const std::string& key) {
  ConfigValue v = raw(key);
  if (v.is_null()) return std::nullopt;
  return v.as_double();
}

std::optional<std::int64_t> ConfigReader::optional_integer(const std::string& key) {
  ConfigValue v = raw(key);
  if (v.is_null()) return std::nullopt;
  return v.as_int();
}

void ConfigReader::finish() const {
  if (!config_.is_dict()) return;
  ConfigValue unknown = ConfigValue::dict();
  for (const auto& [k, v] : config_.as_dict())
    if (!used_.count(k)) unknown[k] = v;
  if (unknown.size() > 0)
    throw ValueError(owner_ + ": Argument(s) not recognized: " + unknown.dump());
}

void check_decay_steps(const char* arg, std::int64_t steps) {
  if (steps <= 0)
    throw ValueError(std::string("Argument `") + arg + "` must be > 0. Received: " + arg + "=" +
                     std::to_string(steps));
}

}  // namespace keras::optimizers::detail
