#pragma once
// lr = (initial - end) * (1 - step / decay_steps) ^ power + end, with step capped at decay_steps;
// with `cycle` the horizon instead grows to the next multiple of decay_steps
// (keras.optimizers.schedules.PolynomialDecay).
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct PolynomialDecayOptions {
  double end_learning_rate = 0.0001;
  double power = 1.0;
  bool cycle = false;
  std::string name = "PolynomialDecay";
};

class PolynomialDecay : public LearningRateSchedule {
 public:
  PolynomialDecay(double initial_learning_rate, std::int64_t decay_steps,
                  PolynomialDecayOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "PolynomialDecay"; }
  ConfigValue get_config() const override;
  static PolynomialDecay from_config(const ConfigValue& config);

  double initial_learning_rate;
  std::int64_t decay_steps;
  double end_learning_rate;
  double power;
  bool cycle;
  std::string name;
};

}  // namespace keras::optimizers::schedules
