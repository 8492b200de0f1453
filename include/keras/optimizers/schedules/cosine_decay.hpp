#pragma once
// Cosine decay from initial_learning_rate to alpha * initial over decay_steps, optionally after
// a linear warm-up to warmup_target over warmup_steps (keras.optimizers.schedules.CosineDecay).
#include <optional>

#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct CosineDecayOptions {
  double alpha = 0.0;
  std::string name = "CosineDecay";
  std::optional<double> warmup_target{};  // None: no warm-up, decay starts from the initial rate
  std::int64_t warmup_steps = 0;
};

class CosineDecay : public LearningRateSchedule {
 public:
  CosineDecay(double initial_learning_rate, std::int64_t decay_steps,
              CosineDecayOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "CosineDecay"; }
  ConfigValue get_config() const override;
  static CosineDecay from_config(const ConfigValue& config);

  double initial_learning_rate;
  std::int64_t decay_steps;
  double alpha;
  std::string name{};
  std::optional<double> warmup_target{};
  std::int64_t warmup_steps;
};

}  // namespace keras::optimizers::schedules
