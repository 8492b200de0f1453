#pragma once
// Cosine decay with warm restarts (SGDR): each period is t_mul times longer than the previous
// one and restarts from m_mul times the previous peak
// (keras.optimizers.schedules.CosineDecayRestarts).
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct CosineDecayRestartsOptions {
  double t_mul = 2.0;
  double m_mul = 1.0;
  double alpha = 0.0;
  std::string name = "SGDRDecay";
};

class CosineDecayRestarts : public LearningRateSchedule {
 public:
  CosineDecayRestarts(double initial_learning_rate, std::int64_t first_decay_steps,
                      CosineDecayRestartsOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "CosineDecayRestarts"; }
  ConfigValue get_config() const override;
  static CosineDecayRestarts from_config(const ConfigValue& config);

  double initial_learning_rate;
  std::int64_t first_decay_steps;
  double t_mul;
  double m_mul;
  double alpha;
  std::string name;
};

}  // namespace keras::optimizers::schedules
