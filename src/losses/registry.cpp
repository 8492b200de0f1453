// The Keras identifiers of losses (keras/src/losses/__init__.py ALL_OBJECTS_DICT for the
// losses implemented here), deserialization and compile()'s loss resolution.
#include <algorithm>
#include <cctype>
#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "keras/core/config.hpp"
#include "keras/losses/losses.hpp"
#include "src/core/config_reader.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras::losses {

namespace {

using Dict = ConfigValue::Dict;

std::optional<int> read_ignore_class(keras::detail::ConfigReader& r) {
  const auto v = r.optional_integer("ignore_class");
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// A loss function's keyword arguments, read from a dict.
struct FnKwargs {
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
  std::optional<int> ignore_class;
  double delta = 1.0;
};

FnKwargs read_fn_kwargs(const std::string& fn, const ConfigValue& kwargs,
                        std::initializer_list<const char*> takes) {
  keras::detail::ConfigReader r(kwargs, fn);
  FnKwargs k;
  for (const std::string key : takes) {
    if (key == "from_logits") k.from_logits = r.boolean(key, k.from_logits);
    else if (key == "label_smoothing") k.label_smoothing = r.number(key, k.label_smoothing);
    else if (key == "axis") k.axis = static_cast<int>(r.integer(key, k.axis));
    else if (key == "ignore_class") k.ignore_class = read_ignore_class(r);
    else if (key == "delta") k.delta = r.number(key, k.delta);
  }
  r.finish();
  return k;
}

struct FunctionEntry {
  const char* name;
  std::function<LossFn(const ConfigValue& kwargs)> make;
};

const std::vector<FunctionEntry>& functions() {
  static const std::vector<FunctionEntry> kFunctions = {
      {"mean_squared_error",
       [](const ConfigValue& kw) {
         read_fn_kwargs("mean_squared_error", kw, {});
         return LossFn(mean_squared_error);
       }},
      {"mean_absolute_error",
       [](const ConfigValue& kw) {
         read_fn_kwargs("mean_absolute_error", kw, {});
         return LossFn(mean_absolute_error);
       }},
      {"binary_crossentropy",
       [](const ConfigValue& kw) {
         auto k =
             read_fn_kwargs("binary_crossentropy", kw, {"from_logits", "label_smoothing", "axis"});
         return LossFn([k](const Tensor& t, const Tensor& p) {
           return binary_crossentropy(t, p, k.from_logits, k.label_smoothing, k.axis);
         });
       }},
      {"categorical_crossentropy",
       [](const ConfigValue& kw) {
         auto k = read_fn_kwargs("categorical_crossentropy", kw,
                                 {"from_logits", "label_smoothing", "axis"});
         return LossFn([k](const Tensor& t, const Tensor& p) {
           return categorical_crossentropy(t, p, k.from_logits, k.label_smoothing, k.axis);
         });
       }},
      {"sparse_categorical_crossentropy",
       [](const ConfigValue& kw) {
         auto k = read_fn_kwargs("sparse_categorical_crossentropy", kw,
                                 {"from_logits", "ignore_class", "axis"});
         return LossFn([k](const Tensor& t, const Tensor& p) {
           return sparse_categorical_crossentropy(t, p, k.from_logits, k.ignore_class, k.axis);
         });
       }},
      {"huber",
       [](const ConfigValue& kw) {
         auto k = read_fn_kwargs("huber", kw, {"delta"});
         return LossFn([k](const Tensor& t, const Tensor& p) { return huber(t, p, k.delta); });
       }},
  };
  return kFunctions;
}

const std::vector<std::pair<const char*, const char*>>& aliases() {
  static const std::vector<std::pair<const char*, const char*>> kAliases = {
      {"bce", "binary_crossentropy"}, {"BCE", "binary_crossentropy"},
      {"mae", "mean_absolute_error"}, {"MAE", "mean_absolute_error"},
      {"mse", "mean_squared_error"},  {"MSE", "mean_squared_error"}};
  return kAliases;
}

// The canonical function name for a function name or alias, empty if neither.
std::string canonical_function(const std::string& id) {
  for (const auto& f : functions())
    if (id == f.name) return id;
  for (const auto& [alias, target] : aliases())
    if (id == alias) return target;
  return "";
}

// Reads the keys every loss takes.
void read_common(keras::detail::ConfigReader& r, std::string& name, std::string& reduction) {
  name = r.string("name", name);
  if (r.present("reduction")) {
    // None is "none"; Keras 2's "auto" meant sum_over_batch_size outside tf.distribute.
    reduction = r.string("reduction", "none");
    if (reduction == "auto") reduction = "sum_over_batch_size";
  }
  r.ignore({"dtype"});  // losses compute in floatx; a saved dtype is not needed
}

template <class L, class Options, class Extra>
std::shared_ptr<Loss> build(const std::string& cls, const ConfigValue& config, Extra extra) {
  keras::detail::ConfigReader r(config, cls);
  Options o;
  read_common(r, o.name, o.reduction);
  extra(o, r);
  r.finish();
  return std::make_shared<L>(std::move(o));
}

template <class Options>
void crossentropy_keys(Options& o, keras::detail::ConfigReader& r) {
  o.from_logits = r.boolean("from_logits", o.from_logits);
  o.label_smoothing = r.number("label_smoothing", o.label_smoothing);
  o.axis = static_cast<int>(r.integer("axis", o.axis));
}

template <class Options>
void no_keys(Options&, keras::detail::ConfigReader&) {}

struct ClassEntry {
  const char* name;
  std::function<std::shared_ptr<Loss>(const ConfigValue& config)> from_config;
};

const std::vector<ClassEntry>& classes() {
  static const std::vector<ClassEntry> kClasses = {
      {"MeanSquaredError",
       [](const ConfigValue& c) {
         return build<MeanSquaredError, MeanSquaredErrorOptions>("MeanSquaredError", c,
                                                                 no_keys<MeanSquaredErrorOptions>);
       }},
      {"MeanAbsoluteError",
       [](const ConfigValue& c) {
         return build<MeanAbsoluteError, MeanAbsoluteErrorOptions>(
             "MeanAbsoluteError", c, no_keys<MeanAbsoluteErrorOptions>);
       }},
      {"BinaryCrossentropy",
       [](const ConfigValue& c) {
         return build<BinaryCrossentropy, BinaryCrossentropyOptions>(
             "BinaryCrossentropy", c, crossentropy_keys<BinaryCrossentropyOptions>);
       }},
      {"CategoricalCrossentropy",
       [](const ConfigValue& c) {
         return build<CategoricalCrossentropy, CategoricalCrossentropyOptions>(
             "CategoricalCrossentropy", c, crossentropy_keys<CategoricalCrossentropyOptions>);
       }},
      {"SparseCategoricalCrossentropy",
       [](const ConfigValue& c) {
         return build<SparseCategoricalCrossentropy, SparseCategoricalCrossentropyOptions>(
             "SparseCategoricalCrossentropy", c,
             [](SparseCategoricalCrossentropyOptions& o, keras::detail::ConfigReader& r) {
               o.from_logits = r.boolean("from_logits", o.from_logits);
               o.ignore_class = read_ignore_class(r);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"Huber",
       [](const ConfigValue& c) {
         return build<Huber, HuberOptions>("Huber", c,
                                           [](HuberOptions& o, keras::detail::ConfigReader& r) {
                                             o.delta = r.number("delta", o.delta);
                                           });
       }},
      {"LossFunctionWrapper",
       [](const ConfigValue& c) -> std::shared_ptr<Loss> {
         LossFunctionWrapperOptions o;
         keras::detail::ConfigReader r(c, "LossFunctionWrapper");
         read_common(r, o.name, o.reduction);
         const ConfigValue fn_value = r.raw("fn");
         const std::string fn = fn_value.is_dict()     ? fn_value.get("config").as_string()
                                : fn_value.is_string() ? fn_value.as_string()
                                                       : "";
         // Every other key is an argument of the wrapped function, which reads them.
         ConfigValue kwargs = r.unread();
         if (fn.empty())
           throw ValueError("LossFunctionWrapper config needs the `fn` it wraps; received " +
                            c.dump());
         if (canonical_function(fn).empty())
           throw ValueError("Could not interpret loss function '" + fn +
                            "' in LossFunctionWrapper config; known functions: " +
                            ConfigValue::list_of(all_names()).dump());
         return std::make_shared<LossFunctionWrapper>(fn, std::move(kwargs), std::move(o));
       }},
  };
  return kClasses;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const auto& c : classes())
    if (std::string(c.name) != "LossFunctionWrapper") names.push_back(c.name);
  for (const auto& f : functions()) names.push_back(f.name);
  for (const auto& [alias, target] : aliases()) names.push_back(alias);
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
    if (identifier == c.name && identifier != "LossFunctionWrapper")
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
  for (const auto& c : classes())
    if (cls == c.name) return c.from_config(inner);
  std::string valid;
  for (const auto& c : classes()) valid += (valid.empty() ? "" : ", ") + std::string(c.name);
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
  const std::string id = lower(identifier);
  if (id != "crossentropy" && id != "ce") losses::get(identifier);
}

std::string LossFamily::function_name(Tensor (*fn)(const Tensor&, const Tensor&)) {
  const std::pair<Tensor (*)(const Tensor&, const Tensor&), const char*> known[] = {
      {&mean_squared_error, "mean_squared_error"},
      {&mean_absolute_error, "mean_absolute_error"},
      {&binary_crossentropy, "binary_crossentropy"},
      {&categorical_crossentropy, "categorical_crossentropy"},
      {&sparse_categorical_crossentropy, "sparse_categorical_crossentropy"},
      {&huber, "huber"}};
  for (const auto& [ptr, name] : known)
    if (fn == ptr) return name;
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
  const std::string id = lower(spec.identifier());
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
