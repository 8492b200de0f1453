// The Keras names and from_config of the F-score metrics (f_score_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries f_score_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
