#pragma once
// values[0] while step <= boundaries[0], values[i] while boundaries[i-1] < step <=
// boundaries[i], values.back() after the last boundary
// (keras.optimizers.schedules.PiecewiseConstantDecay).
#include <vector>

#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers::schedules {

struct PiecewiseConstantDecayOptions {
  std::string name = "PiecewiseConstant";
};

class PiecewiseConstantDecay : public LearningRateSchedule {
 public:
  // values.size() must be boundaries.size() + 1, and there must be at least one boundary.
  PiecewiseConstantDecay(std::vector<std::int64_t> boundaries, std::vector<double> values,
                         PiecewiseConstantDecayOptions options = {});
  double operator()(std::int64_t step) const override;
  std::string class_name() const override { return "PiecewiseConstantDecay"; }
  ConfigValue get_config() const override;
  static PiecewiseConstantDecay from_config(const ConfigValue& config);

  std::vector<std::int64_t> boundaries;
  std::vector<double> values;
  std::string name;
};

}  // namespace keras::optimizers::schedules
