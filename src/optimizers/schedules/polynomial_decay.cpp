#include "keras/optimizers/schedules/polynomial_decay.hpp"

#include <algorithm>
#include <cmath>

#include "src/core/config_reader.hpp"
#include "src/optimizers/schedules/decay_steps.hpp"

namespace keras::optimizers::schedules {

PolynomialDecay::PolynomialDecay(double initial_learning_rate_, std::int64_t decay_steps_,
                                 PolynomialDecayOptions options)
    : initial_learning_rate(initial_learning_rate_),
      decay_steps(decay_steps_),
      end_learning_rate(options.end_learning_rate),
      power(options.power),
      cycle(options.cycle),
      name(std::move(options.name)) {
  detail::check_decay_steps("decay_steps", decay_steps);
}

double PolynomialDecay::operator()(std::int64_t step_) const {
  double step = static_cast<double>(step_);
  double horizon = static_cast<double>(decay_steps);
  if (cycle) {
    // Step 0 belongs to the first cycle (multiplier 1), not to a zero-length one.
    double multiplier = step == 0.0 ? 1.0 : std::ceil(step / horizon);
    horizon *= multiplier;
  } else {
    step = std::min(step, horizon);
  }
  double p = step / horizon;
  return (initial_learning_rate - end_learning_rate) * std::pow(1.0 - p, power) + end_learning_rate;
}

ConfigValue PolynomialDecay::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["initial_learning_rate"] = initial_learning_rate;
  c["decay_steps"] = decay_steps;
  c["end_learning_rate"] = end_learning_rate;
  c["power"] = power;
  c["cycle"] = cycle;
  c["name"] = name;
  return c;
}

PolynomialDecay PolynomialDecay::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "PolynomialDecay");
  double lr = r.required_number("initial_learning_rate");
  std::int64_t steps = r.required_integer("decay_steps");
  PolynomialDecayOptions o;
  o.end_learning_rate = r.number("end_learning_rate", o.end_learning_rate);
  o.power = r.number("power", o.power);
  o.cycle = r.boolean("cycle", o.cycle);
  o.name = r.string("name", o.name);
  r.finish();
  return PolynomialDecay(lr, steps, std::move(o));
}

}  // namespace keras::optimizers::schedules
