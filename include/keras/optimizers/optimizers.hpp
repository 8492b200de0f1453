#pragma once
// keras::optimizers — lookup by name, (de)serialization, and `Spec`, what
// `compile({.optimizer = ...})` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>

#include "keras/core/config_value.hpp"
#include "keras/core/spec.hpp"
#include "keras/optimizers/adam.hpp"
#include "keras/optimizers/adamw.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "keras/optimizers/rmsprop.hpp"
#include "keras/optimizers/schedules/schedules.hpp"
#include "keras/optimizers/sgd.hpp"

namespace keras::optimizers {

// A new optimizer with default arguments, by name ("adam", "sgd", "rmsprop", "adamw"; class
// names in any case too, as Keras lower-cases them). Unknown → ValueError listing the valid ones.
std::shared_ptr<Optimizer> get(const std::string& identifier);
std::shared_ptr<Optimizer> get(const char* identifier);
// A string as above, or a config dict as `deserialize` takes it.
std::shared_ptr<Optimizer> get(const ConfigValue& identifier);

// {"module": "keras.optimizers", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Optimizer& optimizer);
// That form, or a bare {"class_name", "config"} as Keras 2 / tf.keras training configs hold.
std::shared_ptr<Optimizer> deserialize(const ConfigValue& config);

// How `Spec` looks up and checks an optimizer identifier (see keras/core/spec.hpp).
struct OptimizerFamily {
  using Object = Optimizer;
  static constexpr const char* kind = "optimizer";
  static constexpr bool has_identifiers = true;
  static constexpr bool stateful = true;
  static std::shared_ptr<Optimizer> get(const std::string& identifier) {
    return optimizers::get(identifier);
  }
  static void check(const std::string& identifier) { optimizers::get(identifier); }
};

// What `compile(.optimizer = ...)` accepts: an identifier (a new optimizer on every get(), as
// each Keras compile(optimizer="adam") makes its own, so one options struct can compile several
// models) or an optimizer handle / shared_ptr, used as is: that optimizer is the one that trains.
using Spec = ObjectSpec<OptimizerFamily>;

}  // namespace keras::optimizers
