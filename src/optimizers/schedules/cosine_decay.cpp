#include "keras/optimizers/schedules/cosine_decay.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "src/core/config_reader.hpp"
#include "src/optimizers/schedules/decay_steps.hpp"

namespace keras::optimizers::schedules {

CosineDecay::CosineDecay(double initial_learning_rate_, std::int64_t decay_steps_,
                         CosineDecayOptions options)
    : initial_learning_rate(initial_learning_rate_),
      decay_steps(decay_steps_),
      alpha(options.alpha),
      name(std::move(options.name)),
      warmup_target(options.warmup_target),
      warmup_steps(options.warmup_steps) {
  detail::check_decay_steps("decay_steps", decay_steps);
}

double CosineDecay::operator()(std::int64_t step_) const {
  const double step = static_cast<double>(step_);
  const double horizon = static_cast<double>(decay_steps);
  auto decay = [&](double s, double from) {
    double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * (s / horizon)));
    return from * ((1.0 - alpha) * cosine + alpha);
  };
  if (!warmup_target) return decay(std::min(step, horizon), initial_learning_rate);
  const double warmup = static_cast<double>(warmup_steps);
  const double s = std::min(step, horizon + warmup);
  if (s < warmup)
    return (*warmup_target - initial_learning_rate) * (s / warmup) + initial_learning_rate;
  return decay(s - warmup, *warmup_target);
}

ConfigValue CosineDecay::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["initial_learning_rate"] = initial_learning_rate;
  c["decay_steps"] = decay_steps;
  c["alpha"] = alpha;
  c["name"] = name;
  c["warmup_target"] = warmup_target ? ConfigValue(*warmup_target) : ConfigValue();
  c["warmup_steps"] = warmup_steps;
  return c;
}

CosineDecay CosineDecay::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "CosineDecay");
  double lr = r.required_number("initial_learning_rate");
  std::int64_t steps = r.required_integer("decay_steps");
  CosineDecayOptions o;
  o.alpha = r.number("alpha", o.alpha);
  o.name = r.string("name", o.name);
  o.warmup_target = r.optional_number("warmup_target");
  o.warmup_steps = r.integer("warmup_steps", o.warmup_steps);
  r.finish();
  return CosineDecay(lr, steps, std::move(o));
}

}  // namespace keras::optimizers::schedules
