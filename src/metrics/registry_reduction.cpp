// The Keras names and from_config of the reduction metrics (reduction_metrics.py): Mean, Sum
// and MeanMetricWrapper, with the built-in functions a saved MeanMetricWrapper can name.
#include "keras/losses/losses.hpp"
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

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

namespace {

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

}  // namespace

ClassEntries mean_metric_wrapper_classes() {
  return {
      {"MeanMetricWrapper", "mean_metric_wrapper", mean_metric_wrapper_from_config},
  };
}

ClassEntries reduction_classes() {
  return {
      {"Mean", "mean",
       [](const ConfigValue& c) { return build_plain<MeanImpl, MeanOptions>("Mean", c); }},
      {"Sum", "sum",
       [](const ConfigValue& c) { return build_plain<SumImpl, SumOptions>("Sum", c); }},
  };
}

}  // namespace keras::metrics::detail
