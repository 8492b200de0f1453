#pragma once
// Internal: reads a Keras config dict the way Python's `cls(**config)` does — named arguments
// with their defaults, and an error for any key the class does not take.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::optimizers::detail {

class ConfigReader {
 public:
  // `owner` names the class in error messages ("Adam", "ExponentialDecay").
  ConfigReader(const ConfigValue& config, std::string owner);

  double number(const std::string& key, double fallback);
  double required_number(const std::string& key);
  std::int64_t integer(const std::string& key, std::int64_t fallback);
  std::int64_t required_integer(const std::string& key);
  bool boolean(const std::string& key, bool fallback);
  std::string string(const std::string& key, std::string fallback);
  // Python None (or a missing key) gives std::nullopt.
  std::optional<double> optional_number(const std::string& key);
  std::optional<std::int64_t> optional_integer(const std::string& key);
  // The value itself (null when missing); marks the key as used.
  ConfigValue raw(const std::string& key);
  bool has(const std::string& key) const;  // present and not null
  bool present(const std::string& key) const;
  // Accepts a key without using it (arguments Keras itself drops, e.g. `decay`).
  void ignore(const std::string& key);
  // Throws ValueError "Argument(s) not recognized: ..." for keys nobody read.
  void finish() const;

 private:
  const ConfigValue& config_;
  std::string owner_;
  std::set<std::string> used_;
};

// Schedules' `decay_steps`-like arguments must be > 0, in Keras's wording.
void check_decay_steps(const char* arg, std::int64_t steps);

}  // namespace keras::optimizers::detail
