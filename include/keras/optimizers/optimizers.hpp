#pragma once
// keras::optimizers — every optimizer, lookup by name (spec.hpp), (de)serialization, and
// `Spec` (spec.hpp), what `compile({.optimizer = ...})` accepts.
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
#include "keras/optimizers/spec.hpp"

namespace keras::optimizers {

// {"module": "keras.optimizers", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Optimizer& optimizer);
// That form, or a bare {"class_name", "config"} as Keras 2 / tf.keras training configs hold.
std::shared_ptr<Optimizer> deserialize(const ConfigValue& config);

}  // namespace keras::optimizers
