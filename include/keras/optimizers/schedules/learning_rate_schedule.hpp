#pragma once
// `LearningRateSchedule`: the learning rate as a function of the optimizer step
// (keras.optimizers.schedules.LearningRateSchedule). An optimizer given a schedule evaluates it
// at its `iterations` count before every update. Schedules are immutable values, shared freely.
#include <cstdint>
#include <memory>
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::optimizers::schedules {

class LearningRateSchedule {
 public:
  virtual ~LearningRateSchedule() = default;
  // The learning rate at optimizer step `step` (0 before the first update).
  virtual double operator()(std::int64_t step) const = 0;
  virtual std::string class_name() const = 0;
  // Keras's constructor arguments, in Keras's key order.
  virtual ConfigValue get_config() const = 0;
};

// {"module": "keras.optimizers.schedules", "class_name": ..., "config": ..., "registered_name":
// null}, as keras.optimizers.schedules.serialize writes it.
ConfigValue serialize(const LearningRateSchedule& schedule);
// Accepts that form or a bare {"class_name", "config"}; unknown class → ValueError listing the
// built-in schedules.
std::shared_ptr<const LearningRateSchedule> deserialize(const ConfigValue& config);

}  // namespace keras::optimizers::schedules
