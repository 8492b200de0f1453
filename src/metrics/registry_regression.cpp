// The Keras names and from_config of the regression metrics (regression_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries regression_classes() {
  return {
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
  };
}

}  // namespace keras::metrics::detail
