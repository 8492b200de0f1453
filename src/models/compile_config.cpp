// Model::get_compile_config / compile_from_config: the compile arguments as Keras 3 saves them
// (`compile_config` in .keras archives and to_json) and as Keras 1/2 saved them
// (`training_config` in legacy .h5 files), so a loaded model trains on where it stopped.
#include "src/core/config_reader.hpp"
#include "keras/core/errors.hpp"
#include "keras/losses/losses.hpp"
#include "keras/metrics/metrics.hpp"
#include "keras/models/model.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "src/models/compile_state.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras {

namespace {

ConfigValue function_form(const std::string& name) {
  return ConfigValue::Dict{{"module", "builtins"},
                           {"class_name", "function"},
                           {"config", name},
                           {"registered_name", "function"}};
}

bool is_builtin_loss_function(const std::string& name) {
  try {
    losses::get_function(name);
    return true;
  } catch (const ValueError&) {
    return false;
  }
}

// What Keras writes for one loss argument: the user's string, a built-in function by name, or
// the serialized loss object.
ConfigValue serialize_loss(const losses::Spec& spec) {
  if (!spec) return ConfigValue();
  if (!spec.identifier().empty()) return spec.identifier();
  auto loss = spec.get();
  if (loss->class_name() == "LossFunctionWrapper" && is_builtin_loss_function(loss->name()))
    return function_form(loss->name());
  return losses::serialize(*loss);
}

ConfigValue serialize_metric(const metrics::Spec& spec) {
  if (!spec.identifier().empty()) return spec.identifier();
  auto metric = spec.get();
  if (metric->class_name() == "MeanMetricWrapper") {
    ConfigValue config = metric->get_config();
    if (config.contains("fn")) return function_form(metric->name());
  }
  return metrics::serialize(*metric);
}

ConfigValue metric_list(const std::vector<metrics::Spec>& specs) {
  ConfigValue list = ConfigValue::list();
  for (const auto& s : specs) list.push_back(serialize_metric(s));
  return list;
}

ConfigValue serialize_metrics(const MetricsArg& arg) {
  if (arg.empty()) return ConfigValue();
  if (!arg.dict().empty()) {
    ConfigValue d = ConfigValue::dict();
    for (const auto& [name, specs] : arg.dict()) d[name] = metric_list(specs);
    return d;
  }
  if (!arg.per_output().empty()) {
    ConfigValue list = ConfigValue::list();
    for (const auto& specs : arg.per_output()) list.push_back(metric_list(specs));
    return list;
  }
  return metric_list(arg.flat());
}

template <class T, class F>
ConfigValue serialize_nested(const Nested<T>& arg, F&& one) {
  if (arg.empty()) return ConfigValue();
  if (arg.is_dict()) {
    ConfigValue d = ConfigValue::dict();
    for (std::size_t i = 0; i < arg.size(); ++i) d[arg.keys()[i]] = one(arg.values()[i]);
    return d;
  }
  if (arg.is_list()) {
    ConfigValue list = ConfigValue::list();
    for (const auto& v : arg.values()) list.push_back(one(v));
    return list;
  }
  return one(arg.values()[0]);
}

// ---- reading ---------------------------------------------------------------------------------

bool is_function_form(const ConfigValue& v) {
  return v.is_dict() && v.get("class_name") == ConfigValue("function") &&
         v.get("config").is_string();
}

// The name a string or function-form entry gives, when a custom object of this load has it:
// resolved now, while the load's CustomObjectScope is alive (a string Spec resolves at fit).
std::string custom_name(const ConfigValue& v, bool loss) {
  const ConfigValue& name = is_function_form(v) ? v.at("config") : v;
  if (!name.is_string()) return "";
  const bool found = loss ? saving::detail::find_scoped_loss(name.as_string()) != nullptr
                          : saving::detail::find_scoped_metric(name.as_string()) != nullptr;
  return found ? name.as_string() : "";
}

losses::Spec read_loss(const ConfigValue& v) {
  if (v.is_null()) return {};
  if (auto name = custom_name(v, true); !name.empty())
    return losses::Spec(losses::deserialize(ConfigValue(name)));
  if (v.is_string()) return losses::Spec(v.as_string());
  if (is_function_form(v)) {
    // A function stays a function (compile wraps it under its name), so it saves back as one.
    const std::string& name = v.at("config").as_string();
    return losses::Spec(losses::get_function(name), name);
  }
  return losses::Spec(losses::deserialize(v));
}

metrics::Spec read_metric(const ConfigValue& v) {
  if (auto name = custom_name(v, false); !name.empty())
    return metrics::Spec(metrics::deserialize(ConfigValue(name)));
  if (v.is_string()) return metrics::Spec(v.as_string());
  if (is_function_form(v)) return metrics::Spec(v.at("config").as_string());
  // tf.keras records a metric given by name ("mae", "accuracy") as a MeanMetricWrapper named
  // so, around the function that name resolved to: the name is what compile was given.
  if (v.is_dict() && v.get("class_name") == ConfigValue("MeanMetricWrapper") &&
      v.get("config").get("name").is_string())
    return metrics::Spec(v.at("config").at("name").as_string());
  return metrics::Spec(metrics::deserialize(v));
}

std::vector<metrics::Spec> read_metric_list(const ConfigValue& v) {
  std::vector<metrics::Spec> out;
  if (v.is_list())
    for (const auto& m : v.as_list()) out.push_back(read_metric(m));
  else if (!v.is_null()) out.push_back(read_metric(v));
  return out;
}

MetricsArg read_metrics(const ConfigValue& v) {
  if (v.is_null()) return {};
  if (v.is_dict() && !v.contains("class_name")) {
    std::map<std::string, std::vector<metrics::Spec>> d;
    for (const auto& [name, m] : v.as_dict()) d[name] = read_metric_list(m);
    return MetricsArg(d);
  }
  if (v.is_list() && v.size() > 0 && v.as_list()[0].is_list()) {
    std::vector<std::vector<metrics::Spec>> per_output;
    for (const auto& m : v.as_list()) per_output.push_back(read_metric_list(m));
    return MetricsArg(per_output);
  }
  return MetricsArg(read_metric_list(v));
}

LossesArg read_losses(const ConfigValue& v) {
  if (v.is_null()) return {};
  if (v.is_dict() && !v.contains("class_name")) {
    std::map<std::string, losses::Spec> d;
    for (const auto& [name, l] : v.as_dict()) d[name] = read_loss(l);
    return LossesArg(d);
  }
  if (v.is_list()) {
    std::vector<losses::Spec> list;
    for (const auto& l : v.as_list()) list.push_back(read_loss(l));
    return LossesArg(list);
  }
  return LossesArg(read_loss(v));
}

LossWeights read_loss_weights(const ConfigValue& v) {
  if (v.is_null()) return {};
  if (v.is_number()) return LossWeights(v.as_double());
  if (v.is_dict()) {
    std::map<std::string, double> d;
    for (const auto& [name, w] : v.as_dict()) d[name] = w.as_double();
    return LossWeights(d);
  }
  std::vector<double> list;
  for (const auto& w : v.as_list()) list.push_back(w.as_double());
  return LossWeights(list);
}

}  // namespace

ConfigValue Model::get_compile_config() const {
  if (!compile_) return ConfigValue::dict();
  const CompileOptions& o = compile_->options;
  ConfigValue c = ConfigValue::dict();
  c["optimizer"] = optimizers::serialize(*compile_->optimizer);
  c["loss"] = serialize_nested(o.loss, serialize_loss);
  c["loss_weights"] = serialize_nested(o.loss_weights, [](double w) { return ConfigValue(w); });
  c["metrics"] = serialize_metrics(o.metrics);
  c["weighted_metrics"] = serialize_metrics(o.weighted_metrics);
  c["run_eagerly"] = false;
  c["steps_per_execution"] = 1;
  // Keras's compile resolves "auto" per backend (XLA where it can).
  c["jit_compile"] = "auto";
  return c;
}

void Model::compile_from_config(const ConfigValue& config) {
  if (!config.is_dict())
    throw ValueError("A compile config must be a dict; received " + config.dump().substr(0, 200));
  if (config.as_dict().empty()) return;  // saved before compile
  keras::detail::ConfigReader r(config, "compile config");
  CompileOptions o;
  // Keras 3 writes "optimizer"; Keras 1/2 training_config "optimizer_config".
  ConfigValue optimizer = r.raw(r.alias({"optimizer", "optimizer_config"}));
  // tf.keras 2.11+ registers its optimizers under the package "Custom": "Custom>Adam".
  if (optimizer.is_dict() && optimizer.get("class_name").is_string()) {
    const std::string& name = optimizer.at("class_name").as_string();
    if (name.rfind("Custom>", 0) == 0) optimizer["class_name"] = name.substr(7);
  }
  if (optimizer.is_string()) o.optimizer = optimizers::Spec(optimizer.as_string());
  else if (!optimizer.is_null()) o.optimizer = optimizers::Spec(optimizers::deserialize(optimizer));
  o.loss = read_losses(r.raw("loss"));
  o.loss_weights = read_loss_weights(r.raw("loss_weights"));
  o.metrics = read_metrics(r.raw("metrics"));
  o.weighted_metrics = read_metrics(r.raw("weighted_metrics"));
  // Execution settings of the Python runtime (and Keras 2's sample_weight_mode, which Keras 3
  // dropped): nothing to restore here.
  r.ignore({"run_eagerly", "steps_per_execution", "jit_compile", "auto_scale_loss",
            "sample_weight_mode"});
  r.finish();
  compile(o);
}

}  // namespace keras
