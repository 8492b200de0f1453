#pragma once
// Internal: the one reader of Keras config dicts — layers, optimizers, schedules, losses,
// metrics, initializers, regularizers and constraints all read their arguments through it.
//
// Lenient, because configs come from files that every Keras generation wrote: an argument is
// read by its Keras 3 name or an older alias, and a key that nothing reads is reported in one
// UserWarning naming the owner and the keys (an argument from a newer Keras, or a typo), never
// refused. What is read must have the right type: a wrong one is a ValueError naming the owner,
// the argument, what was expected and what was received.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::detail {

// An optional number as a config value: null when unset, as Keras writes None.
template <class N>
ConfigValue optional_config_value(const std::optional<N>& v) {
  return v ? ConfigValue(*v) : ConfigValue();
}

class ConfigReader {
 public:
  // `owner` names the object in messages ("Adam", "Dense layer 'dense_1'"). A null config reads
  // as an empty dict; anything else but a dict is a ValueError.
  ConfigReader(const ConfigValue& config, std::string owner);
  ConfigReader(const ConfigReader&) = delete;
  ConfigReader& operator=(const ConfigReader&) = delete;

  const std::string& owner() const { return owner_; }
  bool has(const std::string& key) const;  // present and not null
  bool present(const std::string& key) const;

  // Typed arguments: the fallback when the key is missing or null.
  double number(const std::string& key, double fallback);
  std::int64_t integer(const std::string& key, std::int64_t fallback);
  bool boolean(const std::string& key, bool fallback);
  std::string string(const std::string& key, std::string fallback);
  // Python None (or a missing key) gives std::nullopt.
  std::optional<double> optional_number(const std::string& key);
  std::optional<std::int64_t> optional_integer(const std::string& key);
  std::optional<std::string> optional_string(const std::string& key);
  // A missing or null key is a ValueError naming the argument.
  double required_number(const std::string& key);
  std::int64_t required_integer(const std::string& key);
  std::string required_string(const std::string& key);
  // The value itself (null when missing), for nested configs; marks the key as read.
  ConfigValue raw(const std::string& key);
  // The first of `keys` that is present (a Keras 3 name, then its older aliases), or "" if none;
  // marks all of them as read.
  std::string alias(std::initializer_list<const char*> keys);

  // The keys nothing has read yet, as a dict, now marked read: arguments passed on to another
  // reader (a wrapped function's kwargs).
  ConfigValue unread();

  // Accepts keys without reading them: arguments Keras itself drops (`decay`), or ones the
  // caller handles elsewhere (a Sequential's `batch_input_shape`).
  void ignore(std::initializer_list<const char*> keys);

  // Warns once about every key nothing read. Call it after the last read.
  void finish() const;

 private:
  const ConfigValue& value(const std::string& key);
  void require(const std::string& key) const;  // present and not null, else ValueError
  ConfigValue unread_keys() const;
  [[noreturn]] void wrong_type(const std::string& key, const char* want,
                               const ConfigValue& got) const;

  ConfigValue empty_;
  const ConfigValue& config_;
  std::string owner_;
  std::set<std::string> read_;
};

}  // namespace keras::detail
