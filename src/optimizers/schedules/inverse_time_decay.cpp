#include "keras/optimizers/schedules/inverse_time_decay.hpp"

#include <cmath>

#include "src/core/config_reader.hpp"
#include "src/optimizers/schedules/decay_steps.hpp"

namespace keras::optimizers::schedules {

InverseTimeDecay::InverseTimeDecay(double initial_learning_rate_, std::int64_t decay_steps_,
                                   double decay_rate_, InverseTimeDecayOptions options)
    : initial_learning_rate(initial_learning_rate_),
      decay_steps(decay_steps_),
      decay_rate(decay_rate_),
      staircase(options.staircase),
      name(std::move(options.name)) {
  detail::check_decay_steps("decay_steps", decay_steps);
}

double InverseTimeDecay::operator()(std::int64_t step) const {
  double p = static_cast<double>(step) / static_cast<double>(decay_steps);
  if (staircase) p = std::floor(p);
  return initial_learning_rate / (1.0 + decay_rate * p);
}

ConfigValue InverseTimeDecay::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["initial_learning_rate"] = initial_learning_rate;
  c["decay_steps"] = decay_steps;
  c["decay_rate"] = decay_rate;
  c["staircase"] = staircase;
  c["name"] = name;
  return c;
}

InverseTimeDecay InverseTimeDecay::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "InverseTimeDecay");
  double lr = r.required_number("initial_learning_rate");
  std::int64_t steps = r.required_integer("decay_steps");
  double rate = r.required_number("decay_rate");
  InverseTimeDecayOptions o;
  o.staircase = r.boolean("staircase", o.staircase);
  o.name = r.string("name", o.name);
  r.finish();
  return InverseTimeDecay(lr, steps, rate, std::move(o));
}

}  // namespace keras::optimizers::schedules
