// The Keras names and from_config of the accuracy metrics (accuracy_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries accuracy_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
