#pragma once
// keras::optimizers — every optimizer, lookup by name (spec.hpp), (de)serialization, and
// `Spec` (spec.hpp), what `compile({.optimizer = ...})` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/optimizers/adadelta.hpp"
#include "keras/optimizers/adafactor.hpp"
#include "keras/optimizers/adagrad.hpp"
#include "keras/optimizers/adam.hpp"
#include "keras/optimizers/adamax.hpp"
#include "keras/optimizers/adamw.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "keras/optimizers/ftrl.hpp"
#include "keras/optimizers/lamb.hpp"
#include "keras/optimizers/lion.hpp"
#include "keras/optimizers/loss_scale_optimizer.hpp"
#include "keras/optimizers/multi_optimizer.hpp"
#include "keras/optimizers/muon.hpp"
#include "keras/optimizers/nadam.hpp"
#include "keras/optimizers/rmsprop.hpp"
#include "keras/optimizers/schedule_free_adamw.hpp"
#include "keras/optimizers/schedules/schedules.hpp"
#include "keras/optimizers/sgd.hpp"
#include "keras/optimizers/spec.hpp"

namespace keras::optimizers {

// {"module": "keras.optimizers", "class_name": ..., "config": ..., "registered_name": null}.
ConfigValue serialize(const Optimizer& optimizer);
// That form, or a bare {"class_name", "config"} as Keras 2 / tf.keras training configs hold.
std::shared_ptr<Optimizer> deserialize(const ConfigValue& config);

// Every name `get` accepts (Keras's lower-cased class names), sorted.
std::vector<std::string> all_names();
// The README's table of Keras 3's optimizers and what keraspp has of them (`keraspp
// optimizers` prints it).
std::string supported_optimizers_markdown();

}  // namespace keras::optimizers
