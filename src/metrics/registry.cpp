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

// An int list such as IoU's target_class_ids (Keras writes a list; a tuple reads the same).
std::vector<int> int_list(keras::detail::ConfigReader& r, const std::string& key,
                          std::vector<int> fallback) {
  const ConfigValue v = r.raw(key);
  if (v.is_null()) return fallback;
  if (!v.is_list())
    throw ValueError(r.owner() + ": `" + key + "` must be a list of ints, received " + v.dump());
  std::vector<int> out;
  for (const auto& x : v.as_list()) {
    if (!x.is_integral())
      throw ValueError(r.owner() + ": `" + key + "` must be a list of ints, received " + v.dump());
    out.push_back(static_cast<int>(x.as_int()));
  }
  return out;
}

// A metric class whose config is only name and dtype.
#define KERAS_PLAIN_ENTRY(Name, snake)                                                        \
  {                                                                                           \
#Name, snake,                                                                             \
        [](const ConfigValue& c) { return build_plain<Name##Impl, Name##Options>(#Name, c); } \
  }

using FnPtr = Tensor (*)(const Tensor&, const Tensor&);

// The built-in functions compile() accepts as metrics, under their Python names: how a function
// given to compile is named, and what a saved MeanMetricWrapper's "fn" means.
const std::vector<std::pair<FnPtr, const char*>>& known_functions() {
  static const std::vector<std::pair<FnPtr, const char*>> kFunctions = {
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
      {&losses::huber, "huber"},
      {&losses::mean_absolute_percentage_error, "mean_absolute_percentage_error"},
      {&losses::mean_squared_logarithmic_error, "mean_squared_logarithmic_error"},
      {&losses::cosine_similarity, "cosine_similarity"},
      {&losses::log_cosh, "log_cosh"},
      {&losses::poisson, "poisson"},
      {&losses::kl_divergence, "kl_divergence"},
      {&losses::hinge, "hinge"},
      {&losses::squared_hinge, "squared_hinge"},
      {&losses::categorical_hinge, "categorical_hinge"},
      {&pearson_correlation, "pearson_correlation"},
      {&concordance_correlation, "concordance_correlation"}};
  return kFunctions;
}

// Keras's MeanMetricWrapper.from_config: "fn" is a serialized built-in function (by name).
std::shared_ptr<Metric> mean_metric_wrapper_from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "MeanMetricWrapper");
  const ConfigValue fn = r.raw("fn");
  if (fn.is_null())
    throw TypeError("MeanMetricWrapper.__init__() missing 1 required positional argument: 'fn'");
  const std::string fn_name =
      fn.is_string() ? fn.as_string()
                     : (fn.is_dict() && fn.get("config").is_string() ? fn.at("config").as_string()
                                                                     : std::string());
  std::string name = r.string("name", "mean_metric_wrapper");
  r.ignore({"dtype"});
  r.finish();
  for (const auto& [ptr, known] : known_functions())
    if (fn_name == known) {
      auto metric = std::make_shared<MeanMetricWrapperImpl>(MetricFn(ptr), std::move(name));
      metric->set_fn_name(fn_name);
      return metric;
    }
  throw ValueError("MeanMetricWrapper: unknown function " + fn.dump() +
                   "; a function of your own must be registered as a custom object");
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
      KERAS_PLAIN_ENTRY(MeanSquaredError, "mean_squared_error"),
      KERAS_PLAIN_ENTRY(MeanAbsoluteError, "mean_absolute_error"),
      KERAS_PLAIN_ENTRY(MeanAbsolutePercentageError, "mean_absolute_percentage_error"),
      KERAS_PLAIN_ENTRY(MeanSquaredLogarithmicError, "mean_squared_logarithmic_error"),
      KERAS_PLAIN_ENTRY(LogCoshError, "log_cosh_error"),
      KERAS_PLAIN_ENTRY(RootMeanSquaredError, "root_mean_squared_error"),
      // Keras 3.15.1 does not save `axis`, but its constructor takes it.
      {"CosineSimilarity", "cosine_similarity",
       [](const ConfigValue& c) {
         return build<CosineSimilarityImpl, CosineSimilarityOptions>(
             "CosineSimilarity", c, [](CosineSimilarityOptions& o, keras::detail::ConfigReader& r) {
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"R2Score", "r2_score",
       [](const ConfigValue& c) {
         return build<R2ScoreImpl, R2ScoreOptions>(
             "R2Score", c, [](R2ScoreOptions& o, keras::detail::ConfigReader& r) {
               o.class_aggregation = r.present("class_aggregation")
                                         ? r.optional_string("class_aggregation")
                                         : o.class_aggregation;
               o.num_regressors = static_cast<int>(r.integer("num_regressors", o.num_regressors));
             });
       }},
      KERAS_PLAIN_ENTRY(Hinge, "hinge"),
      KERAS_PLAIN_ENTRY(SquaredHinge, "squared_hinge"),
      KERAS_PLAIN_ENTRY(CategoricalHinge, "categorical_hinge"),
      KERAS_PLAIN_ENTRY(KLDivergence, "kl_divergence"),
      KERAS_PLAIN_ENTRY(Poisson, "poisson"),
      {"BinaryCrossentropy", "binary_crossentropy",
       [](const ConfigValue& c) {
         return build<BinaryCrossentropyImpl, BinaryCrossentropyOptions>(
             "BinaryCrossentropy", c,
             [](BinaryCrossentropyOptions& o, keras::detail::ConfigReader& r) {
               o.from_logits = r.boolean("from_logits", o.from_logits);
               o.label_smoothing = r.number("label_smoothing", o.label_smoothing);
             });
       }},
      {"CategoricalCrossentropy", "categorical_crossentropy",
       [](const ConfigValue& c) {
         return build<CategoricalCrossentropyImpl, CategoricalCrossentropyOptions>(
             "CategoricalCrossentropy", c,
             [](CategoricalCrossentropyOptions& o, keras::detail::ConfigReader& r) {
               o.from_logits = r.boolean("from_logits", o.from_logits);
               o.label_smoothing = r.number("label_smoothing", o.label_smoothing);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"SparseCategoricalCrossentropy", "sparse_categorical_crossentropy",
       [](const ConfigValue& c) {
         return build<SparseCategoricalCrossentropyImpl, SparseCategoricalCrossentropyOptions>(
             "SparseCategoricalCrossentropy", c,
             [](SparseCategoricalCrossentropyOptions& o, keras::detail::ConfigReader& r) {
               o.from_logits = r.boolean("from_logits", o.from_logits);
               o.ignore_class = optional_int(r, "ignore_class");
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"PearsonCorrelation", "pearson_correlation",
       [](const ConfigValue& c) {
         return build<PearsonCorrelationImpl, PearsonCorrelationOptions>(
             "PearsonCorrelation", c,
             [](PearsonCorrelationOptions& o, keras::detail::ConfigReader& r) {
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"ConcordanceCorrelation", "concordance_correlation",
       [](const ConfigValue& c) {
         return build<ConcordanceCorrelationImpl, ConcordanceCorrelationOptions>(
             "ConcordanceCorrelation", c,
             [](ConcordanceCorrelationOptions& o, keras::detail::ConfigReader& r) {
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"FBetaScore", "f_beta_score",
       [](const ConfigValue& c) {
         return build<FBetaScoreImpl, FBetaScoreOptions>(
             "FBetaScore", c, [](FBetaScoreOptions& o, keras::detail::ConfigReader& r) {
               o.average = r.optional_string("average");
               o.beta = r.number("beta", o.beta);
               o.threshold = r.optional_number("threshold");
             });
       }},
      {"F1Score", "f1_score",
       [](const ConfigValue& c) {
         return build<F1ScoreImpl, F1ScoreOptions>(
             "F1Score", c, [](F1ScoreOptions& o, keras::detail::ConfigReader& r) {
               o.average = r.optional_string("average");
               o.threshold = r.optional_number("threshold");
             });
       }},
      {"IoU", "io_u",
       [](const ConfigValue& c) {
         return build<IoUImpl, IoUOptions>(
             "IoU", c, [](IoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               if (!r.has("target_class_ids"))
                 throw TypeError("IoU() missing required argument: 'target_class_ids'");
               o.target_class_ids = int_list(r, "target_class_ids", {});
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_true = r.boolean("sparse_y_true", o.sparse_y_true);
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"BinaryIoU", "binary_io_u",
       [](const ConfigValue& c) {
         return build<BinaryIoUImpl, BinaryIoUOptions>(
             "BinaryIoU", c, [](BinaryIoUOptions& o, keras::detail::ConfigReader& r) {
               o.target_class_ids = int_list(r, "target_class_ids", o.target_class_ids);
               o.threshold = r.number("threshold", o.threshold);
             });
       }},
      {"MeanIoU", "mean_io_u",
       [](const ConfigValue& c) {
         return build<MeanIoUImpl, MeanIoUOptions>(
             "MeanIoU", c, [](MeanIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_true = r.boolean("sparse_y_true", o.sparse_y_true);
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"OneHotIoU", "one_hot_io_u",
       [](const ConfigValue& c) {
         return build<OneHotIoUImpl, OneHotIoUOptions>(
             "OneHotIoU", c, [](OneHotIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               if (!r.has("target_class_ids"))
                 throw TypeError("OneHotIoU() missing required argument: 'target_class_ids'");
               o.target_class_ids = int_list(r, "target_class_ids", {});
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"OneHotMeanIoU", "one_hot_mean_io_u",
       [](const ConfigValue& c) {
         return build<OneHotMeanIoUImpl, OneHotMeanIoUOptions>(
             "OneHotMeanIoU", c, [](OneHotMeanIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"MeanMetricWrapper", "mean_metric_wrapper", mean_metric_wrapper_from_config},
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
  const std::string id = lower(identifier);
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
