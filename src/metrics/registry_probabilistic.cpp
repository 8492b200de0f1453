// The Keras names and from_config of the probabilistic metrics (probabilistic_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries probabilistic_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
