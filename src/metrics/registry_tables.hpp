#pragma once
// Internal: the tables behind keras::metrics' registry (registry.cpp), one file per metric family
// (registry_<family>.cpp, as Keras's keras/src/metrics/<family>_metrics.py), each listing its
// classes under their Keras names with their from_config; and the helpers those read configs
// with. Keras's own table is ALL_OBJECTS_DICT in keras/src/metrics/__init__.py.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/metrics/metrics.hpp"
#include "src/core/config_reader.hpp"

namespace keras::metrics::detail {

struct ClassEntry {
  const char* name;
  const char* snake_name;
  std::function<std::shared_ptr<Metric>(const ConfigValue& config)> from_config;
};
using ClassEntries = std::vector<ClassEntry>;

// Each family's classes, in Keras's ALL_OBJECTS order; registry.cpp chains them in the order
// below (the README's table and all_names follow it).
ClassEntries accuracy_classes();
ClassEntries regression_classes();
ClassEntries hinge_classes();
ClassEntries probabilistic_classes();
ClassEntries correlation_classes();
ClassEntries f_score_classes();
ClassEntries iou_classes();
ClassEntries mean_metric_wrapper_classes();  // reduction_metrics.py, listed apart in Keras
ClassEntries confusion_classes();
ClassEntries reduction_classes();  // Mean, Sum

using FnPtr = Tensor (*)(const Tensor&, const Tensor&);
// The built-in functions compile() accepts as metrics, under their Python names: how a function
// given to compile is named, and what a saved MeanMetricWrapper's "fn" means.
const std::vector<std::pair<FnPtr, const char*>>& known_functions();

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
                          std::vector<int> fallback);
// An optional int argument (None gives std::nullopt).
std::optional<int> optional_int(keras::detail::ConfigReader& r, const std::string& key);
// A list of floats, or a tensor as Keras serializes one in a config ({"class_name":
// "__tensor__", "config": {"value": [...], ...}}); None gives std::nullopt.
std::optional<std::vector<double>> optional_floats(keras::detail::ConfigReader& r,
                                                   const std::string& key);

}  // namespace keras::metrics::detail

// A metric class whose config is only name and dtype.
#define KERAS_PLAIN_ENTRY(Name, snake)                                                        \
  {                                                                                           \
#Name, snake,                                                                             \
        [](const ConfigValue& c) { return build_plain<Name##Impl, Name##Options>(#Name, c); } \
  }
