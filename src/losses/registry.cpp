// The Keras identifiers of losses (keras/src/losses/__init__.py ALL_OBJECTS_DICT; the tables are
// in functions.cpp and classes.cpp), deserialization, compile()'s loss resolution and the
// README's table.
#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "src/utils/text.hpp"
#include "keras/core/config.hpp"
#include "keras/losses/losses.hpp"
#include "src/losses/registry_tables.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras::losses {

namespace {

using detail::canonical_function;
using detail::ClassEntry;
using detail::classes;
using detail::functions;
using Dict = ConfigValue::Dict;

}  // namespace

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const auto& c : classes())
    if (std::string(c.name) != "LossFunctionWrapper" && c.by_name) names.push_back(c.name);
  for (const auto& f : functions()) names.push_back(f.name);
  for (const auto& [alias, target] : detail::aliases()) names.push_back(alias);
  return names;
}

LossFn get_function(const std::string& name, const ConfigValue& kwargs) {
  const std::string canonical = canonical_function(name);
  for (const auto& f : functions())
    if (canonical == f.name) return f.make(kwargs);
  std::string known;
  for (const auto& f : functions()) known += (known.empty() ? "" : ", ") + std::string(f.name);
  throw ValueError("Could not interpret loss function: " + name + ". Known functions: " + known);
}

std::shared_ptr<Loss> get(const std::string& identifier) {
  // A custom object takes precedence, as in Keras's deserialize_keras_object.
  if (const auto* custom = saving::detail::find_scoped_loss(identifier))
    return (*custom)(ConfigValue::dict());
  for (const auto& c : classes())
    if (identifier == c.name && identifier != "LossFunctionWrapper" && c.by_name)
      return c.from_config(ConfigValue());
  const std::string fn = canonical_function(identifier);
  if (!fn.empty())
    return std::make_shared<LossFunctionWrapper>(fn, ConfigValue::dict(),
                                                 LossFunctionWrapperOptions{.name = identifier});
  std::string valid;
  for (const auto& n : all_names()) valid += (valid.empty() ? "" : ", ") + n;
  throw ValueError("Could not interpret loss identifier: " + identifier +
                   ". Valid identifiers are: " + valid);
}

std::shared_ptr<Loss> deserialize(const ConfigValue& config) {
  if (config.is_string()) return get(config.as_string());
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "Could not interpret serialized loss: expected a string or a dict with "
        "'class_name' and 'config', received " +
        config.dump());
  const std::string cls = config.at("class_name").as_string();
  const ConfigValue inner = config.get("config");
  for (const ConfigValue& name : {config.get("registered_name"), ConfigValue(cls)})
    if (name.is_string())
      if (const auto* custom = saving::detail::find_scoped_loss(name.as_string()))
        return (*custom)(inner);
  if (cls == "function") {
    // A plain function: compile() wraps it under the function's own name.
    const std::string fn = inner.as_string();
    if (canonical_function(fn).empty()) get(fn);  // throws, listing the valid identifiers
    return std::make_shared<LossFunctionWrapper>(fn, ConfigValue::dict(),
                                                 LossFunctionWrapperOptions{.name = fn});
  }
  const ConfigValue module = config.get("module");
  const bool public_module = module.is_string() && module.as_string() == "keras.losses";
  for (const auto& c : classes())
    if (cls == c.name && (c.by_name || public_module)) return c.from_config(inner);
  std::string valid;
  for (const auto& c : classes())
    if (c.by_name) valid += (valid.empty() ? "" : ", ") + std::string(c.name);
  throw ValueError("Could not locate loss class '" + cls + "'. Known loss classes: " + valid);
}

ConfigValue serialize(const Loss& loss) {
  const std::string cls = loss.class_name();
  const bool builtin = std::any_of(classes().begin(), classes().end(),
                                   [&](const ClassEntry& c) { return cls == c.name; });
  ConfigValue module = "keras.losses", registered;  // registered_name null for built-ins
  if (cls == "LossFunctionWrapper") {
    module = "keras.src.losses.losses";
    registered = cls;
  } else if (!builtin) {
    module = "builtins";
    registered = cls;
  }
  return ConfigValue(Dict{{"module", module},
                          {"class_name", cls},
                          {"config", loss.get_config()},
                          {"registered_name", registered}});
}

void LossFamily::check(const std::string& identifier) {
  const std::string id = keras::utils::detail::to_lower(identifier);
  if (id != "crossentropy" && id != "ce") losses::get(identifier);
}

std::string LossFamily::function_name(Tensor (*fn)(const Tensor&, const Tensor&)) {
  for (const auto& f : functions())
    if (fn == f.plain) return f.name;
  return "";
}

std::shared_ptr<Loss> LossFamily::named(Function fn, std::string name) {
  return std::make_shared<LossFunctionWrapper>(std::move(fn),
                                               LossFunctionWrapperOptions{.name = std::move(name)});
}

std::shared_ptr<Loss> LossFamily::wrap_function(Function fn, const std::string& name) {
  if (!name.empty())
    return std::make_shared<LossFunctionWrapper>(name, ConfigValue::dict(),
                                                 LossFunctionWrapperOptions{.name = name});
  return std::make_shared<LossFunctionWrapper>(std::move(fn));
}

std::shared_ptr<Loss> resolve(const Spec& spec, const Shape& y_true_shape,
                              const Shape& y_pred_shape) {
  if (!spec) return nullptr;
  const std::string id = keras::utils::detail::to_lower(spec.identifier());
  if (id != "crossentropy" && id != "ce") return spec.get();
  auto [is_binary, is_sparse] = is_binary_or_sparse_categorical(y_true_shape, y_pred_shape);
  const char* fn = is_binary   ? "binary_crossentropy"
                   : is_sparse ? "sparse_categorical_crossentropy"
                               : "categorical_crossentropy";
  return std::make_shared<LossFunctionWrapper>(
      fn, ConfigValue::dict(), LossFunctionWrapperOptions{.name = spec.identifier()});
}

std::pair<bool, bool> is_binary_or_sparse_categorical(const Shape& y_true_shape,
                                                      const Shape& y_pred_shape) {
  // A rank-0 shape has no last dim (Python would fail on shape[-1]); it matches neither test.
  const std::int64_t t_last = y_true_shape.rank() > 0 ? y_true_shape.dim(-1) : -1;
  const std::int64_t p_last = y_pred_shape.rank() > 0 ? y_pred_shape.dim(-1) : -1;
  const bool is_binary = p_last == 1;
  const bool is_sparse = y_true_shape.rank() < y_pred_shape.rank() || (t_last == 1 && p_last > 1);
  return {is_binary, is_sparse};
}

}  // namespace keras::losses

namespace keras::losses {

std::string supported_losses_markdown() {
  std::string out = "| class | function | aliases |\n|---|---|---|\n";
  for (const auto& c : detail::classes()) {
    if (std::string(c.function).empty()) continue;  // LossFunctionWrapper wraps any function
    std::string aliases;
    for (const auto& [alias, target] : detail::aliases())
      if (std::string(target) == c.function)
        aliases += (aliases.empty() ? "`" : ", `") + std::string(alias) + "`";
    if (!c.by_name) aliases = "none: not a string identifier, as in Keras";
    out += "| `" + std::string(c.name) + "` | `" + c.function + "` | " + aliases + " |\n";
  }
  return out;
}

}  // namespace keras::losses
