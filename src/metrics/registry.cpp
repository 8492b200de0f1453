// The Keras identifiers of the metrics implemented here (keras/src/metrics/__init__.py
// ALL_OBJECTS_DICT: class names, their snake_case forms and the aliases; the classes are listed
// per family in registry_<family>.cpp), deserialization and compile()'s metric resolution.
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>

#include "src/utils/text.hpp"
#include "keras/losses/losses.hpp"
#include "keras/metrics/metrics.hpp"
#include "src/metrics/registry_tables.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras::metrics {

namespace {

using Dict = ConfigValue::Dict;
using detail::ClassEntry;
using detail::known_functions;

// Every class, family by family (registry_<family>.cpp), in Keras's ALL_OBJECTS order.
const std::vector<ClassEntry>& classes() {
  static const std::vector<ClassEntry> kClasses = [] {
    std::vector<ClassEntry> all;
    for (auto family :
         {detail::accuracy_classes, detail::regression_classes, detail::hinge_classes,
          detail::probabilistic_classes, detail::correlation_classes, detail::f_score_classes,
          detail::iou_classes, detail::mean_metric_wrapper_classes, detail::confusion_classes,
          detail::reduction_classes})
      for (auto& entry : family()) all.push_back(std::move(entry));
    return all;
  }();
  return kClasses;
}

const std::vector<std::pair<const char*, const char*>>& aliases() {
  static const std::vector<std::pair<const char*, const char*>> kAliases = {
      {"mse", "MeanSquaredError"},
      {"MSE", "MeanSquaredError"},
      {"mae", "MeanAbsoluteError"},
      {"MAE", "MeanAbsoluteError"},
      {"mape", "MeanAbsolutePercentageError"},
      {"MAPE", "MeanAbsolutePercentageError"},
      {"msle", "MeanSquaredLogarithmicError"},
      {"MSLE", "MeanSquaredLogarithmicError"},
      {"bce", "BinaryCrossentropy"},
      {"BCE", "BinaryCrossentropy"}};
  return kAliases;
}

const ClassEntry* find_class(const std::string& id) {
  for (const auto& c : classes())
    if (id == c.name || id == c.snake_name) return &c;
  for (const auto& [alias, target] : aliases())
    if (id == alias) return find_class(target);
  return nullptr;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::vector<std::string> all_names() {
  std::vector<std::string> names;
  for (const auto& c : classes()) names.push_back(c.name);
  for (const auto& c : classes()) names.push_back(c.snake_name);
  for (const auto& [alias, target] : aliases()) names.push_back(alias);
  return names;
}

std::shared_ptr<Metric> get(const std::string& identifier) {
  // A custom object takes precedence, as in Keras's deserialize_keras_object.
  if (const auto* custom = saving::detail::find_scoped_metric(identifier))
    return (*custom)(ConfigValue::dict());
  if (const ClassEntry* c = find_class(identifier)) return c->from_config(ConfigValue());
  throw ValueError("Could not interpret metric identifier: " + identifier +
                   ". Valid identifiers are: " + join(all_names()));
}

std::shared_ptr<Metric> deserialize(const ConfigValue& config) {
  if (config.is_string()) return get(config.as_string());
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "Could not interpret serialized metric: expected a string or a dict with "
        "'class_name' and 'config', received " +
        config.dump());
  const std::string cls = config.at("class_name").as_string();
  for (const ConfigValue& name : {config.get("registered_name"), ConfigValue(cls)})
    if (name.is_string())
      if (const auto* custom = saving::detail::find_scoped_metric(name.as_string()))
        return (*custom)(config.get("config"));
  for (const auto& c : classes())
    if (cls == c.name) return c.from_config(config.get("config"));
  std::vector<std::string> known;
  for (const auto& c : classes()) known.push_back(c.name);
  throw ValueError("Could not locate metric class '" + cls +
                   "'. Known metric classes: " + join(known));
}

ConfigValue serialize(const Metric& metric) {
  return ConfigValue(Dict{{"module", "keras.metrics"},
                          {"class_name", metric.class_name()},
                          {"config", metric.get_config()},
                          {"registered_name", ConfigValue()}});
}

std::string supported_metrics_markdown() {
  std::string out = "| class | snake_case name | aliases |\n|---|---|---|\n";
  for (const auto& c : classes()) {
    std::string aliases;
    for (const auto& [alias, target] : metrics::aliases())
      if (std::string(target) == c.name)
        aliases += (aliases.empty() ? "`" : ", `") + std::string(alias) + "`";
    out += "| `" + std::string(c.name) + "` | `" + c.snake_name + "` | " + aliases + " |\n";
  }
  return out;
}

void MetricFamily::check(const std::string& identifier) {
  const std::string id = keras::utils::detail::to_lower(identifier);
  if (id != "accuracy" && id != "acc") metrics::get(identifier);
}

std::string MetricFamily::function_name(Tensor (*fn)(const Tensor&, const Tensor&)) {
  for (const auto& [ptr, name] : known_functions())
    if (fn == ptr) return name;
  return "";
}

std::shared_ptr<Metric> MetricFamily::named(Function fn, std::string name) {
  return std::make_shared<MeanMetricWrapperImpl>(std::move(fn), std::move(name));
}

std::shared_ptr<Metric> MetricFamily::wrap_function(Function fn, const std::string& name) {
  auto metric = std::make_shared<MeanMetricWrapperImpl>(
      std::move(fn), name.empty() ? "mean_metric_wrapper" : name);
  if (!name.empty()) metric->set_fn_name(name);
  return metric;
}

std::shared_ptr<Metric> resolve(const Spec& spec, const Shape& y_true_shape,
                                const Shape& y_pred_shape) {
  if (!spec) throw ValueError("Expected metric, received `None`");
  const std::string& id = spec.identifier();
  if (id.empty()) return spec.get();  // objects and functions keep their own name
  const std::string low = keras::utils::detail::to_lower(id);
  if (low != "accuracy" && low != "acc") {
    auto metric = metrics::get(id);
    metric->set_name(id);
    return metric;
  }
  auto [is_binary, is_sparse] = losses::is_binary_or_sparse_categorical(y_true_shape, y_pred_shape);
  if (is_binary) return std::make_shared<BinaryAccuracyImpl>(BinaryAccuracyOptions{.name = id});
  if (is_sparse)
    return std::make_shared<SparseCategoricalAccuracyImpl>(
        SparseCategoricalAccuracyOptions{.name = id});
  return std::make_shared<CategoricalAccuracyImpl>(CategoricalAccuracyOptions{.name = id});
}

}  // namespace keras::metrics
