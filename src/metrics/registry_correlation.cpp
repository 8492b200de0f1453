// The Keras names and from_config of the correlation metrics (correlation_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries correlation_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
