#pragma once
// `keras::Nested<T>`: what Keras takes wherever an argument is "one value, a list or a dict by
// name" (keras.tree's nested structures, one level deep): model inputs and outputs
// (`KerasTensors`), fit's x / y / sample weights (`Data`), compile's `loss` and `loss_weights`.
// The dict literal `{{"a", x}, {"b", y}}` converts without spelling out the map type.
// Entries of a dict are kept in key order (as std::map gives them); a list keeps its order.
#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/errors.hpp"

namespace keras {

template <class T>
class Nested {
 public:
  Nested() = default;  // nothing (Python's None)
  Nested(T value) : values_{std::move(value)} {}
  Nested(std::vector<T> list) : values_(std::move(list)), is_list_(true) {}
  Nested(std::initializer_list<T> list) : values_(list), is_list_(true) {}
  Nested(const std::map<std::string, T>& dict) {
    for (const auto& [key, value] : dict) {
      keys_.push_back(key);
      values_.push_back(value);
    }
  }
  Nested(std::initializer_list<std::pair<const std::string, T>> dict)
      : Nested(std::map<std::string, T>(dict)) {}

  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  bool is_dict() const { return !keys_.empty(); }
  bool is_list() const { return is_list_; }
  // One value, given neither as a list nor as a dict.
  bool is_single() const { return values_.size() == 1 && !is_list_ && keys_.empty(); }
  const std::vector<T>& values() const { return values_; }
  const std::vector<std::string>& keys() const { return keys_; }
  // The dict form ({} unless is_dict()).
  std::map<std::string, T> dict() const {
    std::map<std::string, T> out;
    for (std::size_t i = 0; i < keys_.size(); ++i) out.emplace(keys_[i], values_[i]);
    return out;
  }

  const T& operator[](std::size_t i) const {
    if (i >= values_.size())
      throw ValueError("Index " + std::to_string(i) + " is out of range for data with " +
                       std::to_string(values_.size()) + " entries");
    return values_[i];
  }
  const T& operator[](const std::string& key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] == key) return values_[i];
    std::string known;
    for (const auto& k : keys_) known += (known.empty() ? "" : ", ") + k;
    throw ValueError("No entry named '" + key + "'; the entries are: [" + known + "]");
  }

 protected:
  std::vector<T> values_;
  std::vector<std::string> keys_;
  bool is_list_ = false;
};

}  // namespace keras
