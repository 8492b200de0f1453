// The Keras identifiers of the metrics implemented here (keras/src/metrics/__init__.py
// ALL_OBJECTS_DICT: class names, their snake_case forms and the aliases), deserialization and
// compile()'s metric resolution.
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>

#include "keras/losses/losses.hpp"
#include "keras/metrics/metrics.hpp"
#include "src/core/config_reader.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras::metrics {

namespace {

using Dict = ConfigValue::Dict;

// Reads a metric's config into its options; `extra` reads the class's own keys.
template <class M, class Options, class Extra>
std::shared_ptr<Metric> build(const std::string& cls, const ConfigValue& config, Extra extra) {
  keras::detail::ConfigReader r(config, cls);
  Options o;
  o.name = r.string("name", o.name);
  r.ignore({"dtype"});  // metrics compute in floatx
  extra(o, r);
  r.finish();
  return std::make_shared<M>(std::move(o));
}

template <class M, class Options>
std::shared_ptr<Metric> build_plain(const std::string& cls, const ConfigValue& config) {
  return build<M, Options>(cls, config, [](Options&, keras::detail::ConfigReader&) {});
}

// An optional int argument (None gives std::nullopt).
std::optional<int> optional_int(keras::detail::ConfigReader& r, const std::string& key) {
  auto v = r.optional_integer(key);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// The "X at Y" metrics take their target positionally: missing, it is Python's TypeError.
template <class M, class Options>
std::shared_ptr<Metric> build_at(const std::string& cls, const char* value_name,
                                 const ConfigValue& config) {
  keras::detail::ConfigReader r(config, cls);
  if (!r.has(value_name))
    throw TypeError(cls + ".__init__() missing 1 required positional argument: '" + value_name +
                    "'");
  const double value = r.required_number(value_name);
  Options o;
  o.name = r.string("name", o.name);
  r.ignore({"dtype"});
  o.num_thresholds = static_cast<int>(r.integer("num_thresholds", o.num_thresholds));
  o.class_id = optional_int(r, "class_id");
  r.finish();
  return std::make_shared<M>(value, std::move(o));
}

// A list of floats, or a tensor as Keras serializes one in a config ({"class_name":
// "__tensor__", "config": {"value": [...], ...}}); None gives std::nullopt.
std::optional<std::vector<double>> optional_floats(keras::detail::ConfigReader& r,
                                                   const std::string& key) {
  ConfigValue v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_dict() && v.get("class_name") == ConfigValue("__tensor__"))
    v = v.at("config").at("value");
  if (!v.is_list())
    throw ValueError(r.owner() + ": `" + key + "` must be a list of floats or None, received " +
                     v.dump());
  std::vector<double> out;
  for (const auto& x : v.as_list()) out.push_back(x.as_double());
  return out;
}

template <class M, class Options>
std::shared_ptr<Metric> build_count(const std::string& cls, const ConfigValue& config) {
  return build<M, Options>(cls, config, [](Options& o, keras::detail::ConfigReader& r) {
    o.thresholds = Thresholds::from_config(r.raw("thresholds"));
  });
}

template <class M, class Options>
std::shared_ptr<Metric> build_precision_recall(const std::string& cls, const ConfigValue& config) {
  return build<M, Options>(cls, config, [](Options& o, keras::detail::ConfigReader& r) {
    o.thresholds = Thresholds::from_config(r.raw("thresholds"));
    o.top_k = optional_int(r, "top_k");
    o.class_id = optional_int(r, "class_id");
  });
}

struct ClassEntry {
  const char* name;
  const char* snake_name;
  std::function<std::shared_ptr<Metric>(const ConfigValue& config)> from_config;
};

const std::vector<ClassEntry>& classes() {
  static const std::vector<ClassEntry> kClasses = {
      {"Accuracy", "accuracy",
       [](const ConfigValue& c) {
         return build_plain<AccuracyImpl, AccuracyOptions>("Accuracy", c);
       }},
      {"BinaryAccuracy", "binary_accuracy",
       [](const ConfigValue& c) {
         return build<BinaryAccuracyImpl, BinaryAccuracyOptions>(
             "BinaryAccuracy", c, [](BinaryAccuracyOptions& o, keras::detail::ConfigReader& r) {
               o.threshold = r.number("threshold", o.threshold);
             });
       }},
      {"CategoricalAccuracy", "categorical_accuracy",
       [](const ConfigValue& c) {
         return build_plain<CategoricalAccuracyImpl, CategoricalAccuracyOptions>(
             "CategoricalAccuracy", c);
       }},
      {"SparseCategoricalAccuracy", "sparse_categorical_accuracy",
       [](const ConfigValue& c) {
         return build_plain<SparseCategoricalAccuracyImpl, SparseCategoricalAccuracyOptions>(
             "SparseCategoricalAccuracy", c);
       }},
      {"TopKCategoricalAccuracy", "top_k_categorical_accuracy",
       [](const ConfigValue& c) {
         return build<TopKCategoricalAccuracyImpl, TopKCategoricalAccuracyOptions>(
             "TopKCategoricalAccuracy", c,
             [](TopKCategoricalAccuracyOptions& o, keras::detail::ConfigReader& r) {
               o.k = static_cast<int>(r.integer("k", o.k));
             });
       }},
      {"SparseTopKCategoricalAccuracy", "sparse_top_k_categorical_accuracy",
       [](const ConfigValue& c) {
         return build<SparseTopKCategoricalAccuracyImpl, SparseTopKCategoricalAccuracyOptions>(
             "SparseTopKCategoricalAccuracy", c,
             [](SparseTopKCategoricalAccuracyOptions& o, keras::detail::ConfigReader& r) {
               o.k = static_cast<int>(r.integer("k", o.k));
               o.from_sorted_ids = r.boolean("from_sorted_ids", o.from_sorted_ids);
             });
       }},
      {"MeanSquaredError", "mean_squared_error",
       [](const ConfigValue& c) {
         return build_plain<MeanSquaredErrorImpl, MeanSquaredErrorOptions>("MeanSquaredError", c);
       }},
      {"MeanAbsoluteError", "mean_absolute_error",
       [](const ConfigValue& c) {
         return build_plain<MeanAbsoluteErrorImpl, MeanAbsoluteErrorOptions>("MeanAbsoluteError",
                                                                             c);
       }},
      {"TruePositives", "true_positives",
       [](const ConfigValue& c) {
         return build_count<TruePositivesImpl, TruePositivesOptions>("TruePositives", c);
       }},
      {"TrueNegatives", "true_negatives",
       [](const ConfigValue& c) {
         return build_count<TrueNegativesImpl, TrueNegativesOptions>("TrueNegatives", c);
       }},
      {"FalsePositives", "false_positives",
       [](const ConfigValue& c) {
         return build_count<FalsePositivesImpl, FalsePositivesOptions>("FalsePositives", c);
       }},
      {"FalseNegatives", "false_negatives",
       [](const ConfigValue& c) {
         return build_count<FalseNegativesImpl, FalseNegativesOptions>("FalseNegatives", c);
       }},
      {"Precision", "precision",
       [](const ConfigValue& c) {
         return build_precision_recall<PrecisionImpl, PrecisionOptions>("Precision", c);
       }},
      {"Recall", "recall",
       [](const ConfigValue& c) {
         return build_precision_recall<RecallImpl, RecallOptions>("Recall", c);
       }},
      {"SensitivityAtSpecificity", "sensitivity_at_specificity",
       [](const ConfigValue& c) {
         return build_at<SensitivityAtSpecificityImpl, SensitivityAtSpecificityOptions>(
             "SensitivityAtSpecificity", "specificity", c);
       }},
      {"SpecificityAtSensitivity", "specificity_at_sensitivity",
       [](const ConfigValue& c) {
         return build_at<SpecificityAtSensitivityImpl, SpecificityAtSensitivityOptions>(
             "SpecificityAtSensitivity", "sensitivity", c);
       }},
      {"PrecisionAtRecall", "precision_at_recall",
       [](const ConfigValue& c) {
         return build_at<PrecisionAtRecallImpl, PrecisionAtRecallOptions>("PrecisionAtRecall",
                                                                          "recall", c);
       }},
      {"RecallAtPrecision", "recall_at_precision",
       [](const ConfigValue& c) {
         return build_at<RecallAtPrecisionImpl, RecallAtPrecisionOptions>("RecallAtPrecision",
                                                                          "precision", c);
       }},
      {"AUC", "auc",
       [](const ConfigValue& c) {
         return build<AUCImpl, AUCOptions>(
             "AUC", c, [](AUCOptions& o, keras::detail::ConfigReader& r) {
               o.num_thresholds = static_cast<int>(r.integer("num_thresholds", o.num_thresholds));
               o.curve = r.string("curve", o.curve);
               o.summation_method = r.string("summation_method", o.summation_method);
               o.thresholds = optional_floats(r, "thresholds");
               o.multi_label = r.boolean("multi_label", o.multi_label);
               o.num_labels = optional_int(r, "num_labels");
               o.label_weights = optional_floats(r, "label_weights");
               o.from_logits = r.boolean("from_logits", o.from_logits);
             });
       }},
      {"Mean", "mean",
       [](const ConfigValue& c) { return build_plain<MeanImpl, MeanOptions>("Mean", c); }},
      {"Sum", "sum",
       [](const ConfigValue& c) { return build_plain<SumImpl, SumOptions>("Sum", c); }},
  };
  return kClasses;
}

const std::vector<std::pair<const char*, const char*>>& aliases() {
  static const std::vector<std::pair<const char*, const char*>> kAliases = {
      {"mse", "MeanSquaredError"},
      {"MSE", "MeanSquaredError"},
      {"mae", "MeanAbsoluteError"},
      {"MAE", "MeanAbsoluteError"}};
  return kAliases;
}

const ClassEntry* find_class(const std::string& id) {
  for (const auto& c : classes())
    if (id == c.name || id == c.snake_name) return &c;
  for (const auto& [alias, target] : aliases())
    if (id == alias) return find_class(target);
  return nullptr;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

void MetricFamily::check(const std::string& identifier) {
  const std::string id = lower(identifier);
  if (id != "accuracy" && id != "acc") metrics::get(identifier);
}

std::string MetricFamily::function_name(Tensor (*fn)(const Tensor&, const Tensor&)) {
  const std::pair<Tensor (*)(const Tensor&, const Tensor&), const char*> known[] = {
      {&accuracy, "accuracy"},
      {&binary_accuracy, "binary_accuracy"},
      {&categorical_accuracy, "categorical_accuracy"},
      {&sparse_categorical_accuracy, "sparse_categorical_accuracy"},
      {&top_k_categorical_accuracy, "top_k_categorical_accuracy"},
      {&sparse_top_k_categorical_accuracy, "sparse_top_k_categorical_accuracy"},
      {&losses::mean_squared_error, "mean_squared_error"},
      {&losses::mean_absolute_error, "mean_absolute_error"},
      {&losses::binary_crossentropy, "binary_crossentropy"},
      {&losses::categorical_crossentropy, "categorical_crossentropy"},
      {&losses::sparse_categorical_crossentropy, "sparse_categorical_crossentropy"},
      {&losses::huber, "huber"}};
  for (const auto& [ptr, name] : known)
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
  const std::string low = lower(id);
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
