#pragma once
// lr = initial_learning_rate * decay_rate ^ (step / decay_steps); with `staircase` the exponent
// is floored, so the rate drops in steps (keras.optimizers.schedules.ExponentialDecay).
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct ExponentialDecayOptions {
  bool staircase = false;
  std::string name = "ExponentialDecay";
};

class ExponentialDecay : public LearningRateSchedule {
 public:
  // decay_steps must be > 0 (ValueError otherwise).
  ExponentialDecay(double initial_learning_rate, std::int64_t decay_steps, double decay_rate,
                   ExponentialDecayOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "ExponentialDecay"; }
  ConfigValue get_config() const override;
  static ExponentialDecay from_config(const ConfigValue& config);

  double initial_learning_rate;
  std::int64_t decay_steps;
  double decay_rate;
  bool staircase;
  std::string name;
};

}  // namespace keras::optimizers::schedules
