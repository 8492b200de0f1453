#pragma once
// `LearningRate`: what an optimizer's `learning_rate` argument accepts — a number or a
// learning-rate schedule (Keras also takes a schedule object there), so
// `Adam({.learning_rate = 1e-3})` and `SGD({.learning_rate = schedules::CosineDecay(0.1, 1000)})`
// both read like the Python.
#include <concepts>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "keras/core/errors.hpp"
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"

namespace keras::optimizers {

class LearningRate {
 public:
  using Schedule = schedules::LearningRateSchedule;

  LearningRate(double value) : value_(value) {}
  // A schedule object, copied (schedules are small immutable values).
  template <class S>
  requires std::derived_from<std::remove_cvref_t<S>, Schedule> LearningRate(S&& schedule)
      : schedule_(std::make_shared<std::remove_cvref_t<S>>(std::forward<S>(schedule))) {}
  // A shared schedule (custom subclasses included).
  template <class S>
  requires std::derived_from<std::remove_cv_t<S>, Schedule> LearningRate(
      std::shared_ptr<S> schedule)
      : schedule_(std::move(schedule)) {
    if (!schedule_) throw ValueError("learning_rate: received a null schedule pointer");
  }

  bool is_schedule() const { return schedule_ != nullptr; }
  // The constant rate (meaningless for a schedule).
  double value() const { return value_; }
  const std::shared_ptr<const Schedule>& schedule() const { return schedule_; }
  // The rate at optimizer step `step`.
  double at(std::int64_t step) const { return schedule_ ? (*schedule_)(step) : value_; }

 private:
  double value_ = 0.0;
  std::shared_ptr<const Schedule> schedule_;
};

}  // namespace keras::optimizers
