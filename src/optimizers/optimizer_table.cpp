// The README's optimizer table (`keraspp optimizers`), made from the registry itself: each
// registered optimizer built with its defaults, so the table cannot drift from the code.
#include <set>

#include "keras/optimizers/optimizers.hpp"

namespace keras::optimizers {

namespace {

// BaseOptimizer's keys, which every optimizer shares; the table shows the others.
const std::set<std::string>& base_keys() {
  static const std::set<std::string> keys = {"name",
                                             "learning_rate",
                                             "weight_decay",
                                             "clipnorm",
                                             "global_clipnorm",
                                             "clipvalue",
                                             "use_ema",
                                             "ema_momentum",
                                             "ema_overwrite_frequency",
                                             "loss_scale_factor",
                                             "gradient_accumulation_steps"};
  return keys;
}

std::shared_ptr<Optimizer> with_defaults(const std::string& name) {
  // The wrappers need optimizers to wrap; their own defaults do not depend on which.
  if (name == "multioptimizer")
    return std::make_shared<MultiOptimizerImpl>(OptimizerMap(get("sgd")));
  if (name != "lossscaleoptimizer") return get(name);
  ConfigValue config = ConfigValue::dict();
  config["class_name"] = "LossScaleOptimizer";
  config["config"] = ConfigValue::Dict{{"inner_optimizer", "sgd"}};
  return deserialize(config);
}

}  // namespace

std::string supported_optimizers_markdown() {
  std::string out = "| optimizer | identifier | learning_rate | its own arguments (defaults) |\n";
  out += "|---|---|---|---|\n";
  for (const auto& name : all_names()) {
    auto optimizer = with_defaults(name);
    const ConfigValue config = optimizer->get_config();
    std::string own;
    for (const auto& [key, value] : config.as_dict()) {
      if (base_keys().count(key) || key == "inner_optimizer" || key == "optimizer_map") continue;
      own += (own.empty() ? "" : ", ") + key + "=" + value.dump();
    }
    if (name == "lossscaleoptimizer") own = "inner_optimizer, " + own;
    if (name == "multioptimizer") own = "optimizer_map (an OptimizerMap), loss_scale_factor=null";
    const std::string rate = ConfigValue(optimizer->learning_rate_spec().value()).dump();
    out += "| `" + optimizer->class_name() + "` | `\"" + name + "\"` | " +
           (name == "lossscaleoptimizer" ? std::string("the inner one's")
            : name == "multioptimizer"   ? std::string("the inner ones'")
                                         : rate) +
           " | " + own + " |\n";
  }
  return out;
}

}  // namespace keras::optimizers
