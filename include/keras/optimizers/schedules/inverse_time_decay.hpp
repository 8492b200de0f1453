#pragma once
// lr = initial_learning_rate / (1 + decay_rate * step / decay_steps); `staircase` floors
// step / decay_steps (keras.optimizers.schedules.InverseTimeDecay).
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct InverseTimeDecayOptions {
  bool staircase = false;
  std::string name = "InverseTimeDecay";
};

class InverseTimeDecay : public LearningRateSchedule {
 public:
  InverseTimeDecay(double initial_learning_rate, std::int64_t decay_steps, double decay_rate,
                   InverseTimeDecayOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "InverseTimeDecay"; }
  ConfigValue get_config() const override;
  static InverseTimeDecay from_config(const ConfigValue& config);

  double initial_learning_rate;
  std::int64_t decay_steps;
  double decay_rate;
  bool staircase;
  std::string name;
};

}  // namespace keras::optimizers::schedules
