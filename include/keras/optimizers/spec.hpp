#pragma once
// `optimizers::Spec`, what `compile(.optimizer = ...)` accepts, apart from the optimizer
// classes so that model.hpp does not include every optimizer (optimizers.hpp has them all).
#include <memory>
#include <string>

#include "keras/core/config_value.hpp"
#include "keras/core/spec.hpp"
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

// A new optimizer with default arguments, by name ("adam", "sgd", "rmsprop", "adamw"; class
// names in any case too, as Keras lower-cases them). Unknown → ValueError listing the valid ones.
std::shared_ptr<Optimizer> get(const std::string& identifier);
std::shared_ptr<Optimizer> get(const char* identifier);
// A string as above, or a config dict as `deserialize` takes it.
std::shared_ptr<Optimizer> get(const ConfigValue& identifier);

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
