// The Keras names and from_config of the confusion-matrix metrics (confusion_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

namespace {

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

}  // namespace

ClassEntries confusion_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
