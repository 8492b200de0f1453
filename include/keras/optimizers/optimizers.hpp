#pragma once
// keras::optimizers — lookup by name, (de)serialization, and `Spec`, what
// `compile({.optimizer = ...})` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>

#include "keras/core/config_value.hpp"
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

class Spec {
 public:
  // Keras's compile default.
  Spec() : identifier_("rmsprop") {}
  Spec(const char* identifier) : identifier_(identifier) {}
  Spec(std::string identifier) : identifier_(std::move(identifier)) {}
  // An optimizer object, copied (it must not have been built yet to be useful: the copy gets
  // fresh variables).
  template <class O>
    requires std::derived_from<std::remove_cvref_t<O>, Optimizer>
  Spec(O&& optimizer)
      : optimizer_(std::make_shared<std::remove_cvref_t<O>>(std::forward<O>(optimizer))) {}
  // A shared optimizer, used as is.
  template <class O>
    requires std::derived_from<O, Optimizer>
  Spec(std::shared_ptr<O> optimizer) : optimizer_(std::move(optimizer)) {}

  // The optimizer object given, or a new optimizer for an identifier on every call (as each
  // Keras compile(optimizer="adam") makes its own), so one options struct can compile several
  // models.
  std::shared_ptr<Optimizer> get() const;
  bool is_identifier() const { return optimizer_ == nullptr; }
  const std::string& identifier() const { return identifier_; }

 private:
  std::string identifier_;
  std::shared_ptr<Optimizer> optimizer_;
};

}  // namespace keras::optimizers
