#pragma once
// `ConfigValue`: the JSON-like value `get_config()` returns and `from_config()` reads
// (null, bool, int, float, string, list, dict). Dicts keep insertion order, as Python's do, so a
// config prints in Keras's key order. Kept free of JSON libraries so public headers stay light.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace keras {

class ConfigValue {
 public:
  using List = std::vector<ConfigValue>;
  using Dict = std::vector<std::pair<std::string, ConfigValue>>;

  ConfigValue() = default;  // null (Python None)
  ConfigValue(std::nullptr_t) {}
  ConfigValue(bool v) : v_(v) {}
  ConfigValue(int v) : v_(static_cast<std::int64_t>(v)) {}
  ConfigValue(std::int64_t v) : v_(v) {}
  ConfigValue(double v) : v_(v) {}
  ConfigValue(const char* v) : v_(std::string(v)) {}
  ConfigValue(std::string v) : v_(std::move(v)) {}
  ConfigValue(List v) : v_(std::move(v)) {}
  ConfigValue(Dict v) : v_(std::move(v)) {}
  static ConfigValue dict() { return ConfigValue(Dict{}); }
  static ConfigValue list() { return ConfigValue(List{}); }
  template <class T>
  static ConfigValue list_of(const std::vector<T>& values) {
    List l;
    for (const auto& v : values) l.emplace_back(v);
    return ConfigValue(std::move(l));
  }

  bool is_null() const { return v_.index() == 0; }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
  bool is_number() const { return is_int() || std::holds_alternative<double>(v_); }
  // An int, or a float with an integral value in int64's range (what as_int accepts).
  bool is_integral() const;
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_list() const { return std::holds_alternative<List>(v_); }
  bool is_dict() const { return std::holds_alternative<Dict>(v_); }

  // Typed reads; a wrong kind throws ValueError naming the kind found.
  bool as_bool() const;
  std::int64_t as_int() const;  // accepts a float with an integral value
  double as_double() const;     // accepts an int
  const std::string& as_string() const;
  const List& as_list() const;
  List& as_list();
  const Dict& as_dict() const;
  Dict& as_dict();
  std::vector<std::int64_t> as_int_list() const;

  // Dict access. `at` throws ValueError naming the missing key; `operator[]` inserts null.
  bool contains(const std::string& key) const;
  const ConfigValue& at(const std::string& key) const;
  ConfigValue& operator[](const std::string& key);
  // The value for `key`, or `fallback` when the key is missing or null.
  ConfigValue get(const std::string& key, ConfigValue fallback = {}) const;
  // List/dict element count.
  std::size_t size() const;
  // Appends to a list.
  void push_back(ConfigValue v) { as_list().push_back(std::move(v)); }

  // JSON text as Python's json.dumps writes it: ", " and ": ", floats as Python's repr
  // (shortest text that round-trips; NaN, Infinity, -Infinity), integers without a decimal
  // point, non-ASCII characters as \uXXXX.
  std::string dump() const;
  // Parses JSON text as Python's json.loads does (NaN, Infinity and -Infinity included);
  // throws ValueError with the byte offset of a syntax error and what was expected there.
  static ConfigValue parse(const std::string& json);

  bool operator==(const ConfigValue& other) const = default;

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Dict> v_;
  const char* kind() const;
};

}  // namespace keras
