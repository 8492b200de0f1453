#include "keras/optimizers/schedules/cosine_decay_restarts.hpp"

#include <cmath>
#include <numbers>

#include "src/core/config_reader.hpp"
#include "src/optimizers/schedules/decay_steps.hpp"

namespace keras::optimizers::schedules {

CosineDecayRestarts::CosineDecayRestarts(double initial_learning_rate_,
                                         std::int64_t first_decay_steps_,
                                         CosineDecayRestartsOptions options)
    : initial_learning_rate(initial_learning_rate_),
      first_decay_steps(first_decay_steps_),
      t_mul(options.t_mul),
      m_mul(options.m_mul),
      alpha(options.alpha),
      name(std::move(options.name)) {
  detail::check_decay_steps("first_decay_steps", first_decay_steps);
}

double CosineDecayRestarts::operator()(std::int64_t step) const {
  double fraction = static_cast<double>(step) / static_cast<double>(first_decay_steps);
  double restart;  // index of the current period
  if (t_mul == 1.0) {
    restart = std::floor(fraction);
    fraction -= restart;
  } else {
    // Periods have lengths 1, t, t^2, ... (in units of first_decay_steps); the start of period i
    // is the geometric sum (1 - t^i) / (1 - t).
    auto start = [&](double i) { return (1.0 - std::pow(t_mul, i)) / (1.0 - t_mul); };
    restart = std::floor(std::log(1.0 - fraction * (1.0 - t_mul)) / std::log(t_mul));
    // The logarithm can land a hair below an integer exactly at a restart; settle the period
    // against the sums themselves so a restart step starts the new period.
    if (start(restart + 1.0) <= fraction) restart += 1.0;
    else if (restart > 0.0 && start(restart) > fraction) restart -= 1.0;
    fraction = (fraction - start(restart)) / std::pow(t_mul, restart);
  }
  double cosine = 0.5 * std::pow(m_mul, restart) * (1.0 + std::cos(std::numbers::pi * fraction));
  return initial_learning_rate * ((1.0 - alpha) * cosine + alpha);
}

ConfigValue CosineDecayRestarts::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["initial_learning_rate"] = initial_learning_rate;
  c["first_decay_steps"] = first_decay_steps;
  c["t_mul"] = t_mul;
  c["m_mul"] = m_mul;
  c["alpha"] = alpha;
  c["name"] = name;
  return c;
}

CosineDecayRestarts CosineDecayRestarts::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "CosineDecayRestarts");
  double lr = r.required_number("initial_learning_rate");
  std::int64_t steps = r.required_integer("first_decay_steps");
  CosineDecayRestartsOptions o;
  o.t_mul = r.number("t_mul", o.t_mul);
  o.m_mul = r.number("m_mul", o.m_mul);
  o.alpha = r.number("alpha", o.alpha);
  o.name = r.string("name", o.name);
  r.finish();
  return CosineDecayRestarts(lr, steps, std::move(o));
}

}  // namespace keras::optimizers::schedules
