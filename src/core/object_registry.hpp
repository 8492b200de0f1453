#pragma once
// Internal: the lookup table of a family of stateless Keras objects (regularizers, constraints),
// as keras.<family>.get / deserialize / serialize use theirs: every accepted name (class names,
// snake_case aliases, older Keras versions' names) leads to a class, and each class to a
// constructor reading a config dict through the shared lenient ConfigReader. Families build theirs
// on first use (a function-local static), never by static-initialisation registration.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "src/core/config_reader.hpp"

namespace keras::detail {

// The parts that do not depend on the object type.
// ValueError "Could not interpret <kind> identifier: <identifier>. Valid identifiers: ...".
[[noreturn]] void throw_unknown_identifier(const char* kind, const std::string& identifier,
                                           const std::vector<std::string>& valid);
// A serialized object's class name and its config dict: Keras 3's {"module", "class_name",
// "config", "registered_name"} or Keras 2's {"class_name", "config"}; a missing config is {}.
// Anything else is a ValueError naming the kind and what was received.
std::pair<std::string, ConfigValue> split_serialized(const char* kind, const ConfigValue& config);
// {"module": module, "class_name": ..., "config": ..., "registered_name": null}
ConfigValue serialized(const char* module, const std::string& class_name, ConfigValue config);

template <class Object>
class ObjectRegistry {
 public:
  using Factory = std::function<std::shared_ptr<Object>(ConfigReader& config)>;

  // `classes`: class name -> constructor; `aliases`: other accepted name -> class name (each
  // class name is accepted as itself); `ignored`: keys older files carry that no class reads
  // (tf.keras's `dtype` in initializer configs).
  ObjectRegistry(const char* kind, const char* module, std::map<std::string, Factory> classes,
                 const std::map<std::string, std::string>& aliases,
                 std::vector<const char*> ignored = {})
      : kind_(kind), module_(module), classes_(std::move(classes)), ignored_(std::move(ignored)) {
    for (const auto& [cls, factory] : classes_) names_[cls] = cls;
    for (const auto& [alias, cls] : aliases) names_[alias] = cls;
  }

  // The constructor for a name; ValueError for an unknown one.
  const Factory& factory(const std::string& identifier) const {
    auto it = names_.find(identifier);
    if (it == names_.end()) throw_unknown_identifier(kind_, identifier, all_names());
    return classes_.at(it->second);
  }
  // A new object with default arguments for a name.
  std::shared_ptr<Object> get(const std::string& identifier) const {
    return build(identifier, ConfigValue::dict());
  }
  // A name or a serialized dict (see split_serialized).
  std::shared_ptr<Object> deserialize(const ConfigValue& config) const {
    if (config.is_string()) return get(config.as_string());
    auto [class_name, inner] = split_serialized(kind_, config);
    return build(class_name, inner);
  }
  ConfigValue serialize(const Object& object) const {
    return serialized(module_, object.class_name(), object.get_config());
  }
  // Every accepted name, sorted.
  std::vector<std::string> all_names() const {
    std::vector<std::string> out;
    for (const auto& [name, cls] : names_) out.push_back(name);
    return out;
  }

 private:
  std::shared_ptr<Object> build(const std::string& identifier, const ConfigValue& config) const {
    const Factory& make = factory(identifier);
    ConfigReader reader(config, identifier);
    for (const char* key : ignored_) reader.ignore({key});
    auto object = make(reader);
    reader.finish();
    return object;
  }

  const char* kind_;
  const char* module_;
  std::map<std::string, Factory> classes_;
  std::map<std::string, std::string> names_;
  std::vector<const char*> ignored_;
};

}  // namespace keras::detail
