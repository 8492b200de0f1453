#include "keras/optimizers/schedules/exponential_decay.hpp"

#include <cmath>

#include "src/core/config_reader.hpp"
#include "src/optimizers/schedules/decay_steps.hpp"

namespace keras::optimizers::schedules {

ExponentialDecay::ExponentialDecay(double initial_learning_rate_, std::int64_t decay_steps_,
                                   double decay_rate_, ExponentialDecayOptions options)
    : initial_learning_rate(initial_learning_rate_),
      decay_steps(decay_steps_),
      decay_rate(decay_rate_),
      staircase(options.staircase),
      name(std::move(options.name)) {
  detail::check_decay_steps("decay_steps", decay_steps);
}

double ExponentialDecay::operator()(std::int64_t step) const {
  double p = static_cast<double>(step) / static_cast<double>(decay_steps);
  if (staircase) p = std::floor(p);
  return initial_learning_rate * std::pow(decay_rate, p);
}

ConfigValue ExponentialDecay::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["initial_learning_rate"] = initial_learning_rate;
  c["decay_steps"] = decay_steps;
  c["decay_rate"] = decay_rate;
  c["staircase"] = staircase;
  c["name"] = name;
  return c;
}

ExponentialDecay ExponentialDecay::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "ExponentialDecay");
  double lr = r.required_number("initial_learning_rate");
  std::int64_t steps = r.required_integer("decay_steps");
  double rate = r.required_number("decay_rate");
  ExponentialDecayOptions o;
  o.staircase = r.boolean("staircase", o.staircase);
  o.name = r.string("name", o.name);
  r.finish();
  return ExponentialDecay(lr, steps, rate, std::move(o));
}

}  // namespace keras::optimizers::schedules
