#include "keras/callbacks/learning_rate_scheduler.hpp"

#include <cmath>

#include "keras/core/errors.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/callbacks/model_access.hpp"
#include "src/utils/messages.hpp"

namespace keras::callbacks {

namespace {
constexpr const char* kSchedulerName = "LearningRateScheduler";
}

LearningRateSchedulerImpl::LearningRateSchedulerImpl(LearningRateSchedule schedule_,
                                                     LearningRateSchedulerOptions options)
    : schedule(std::move(schedule_)), verbose(options.verbose) {
  if (!schedule)
    throw ValueError(
        "LearningRateScheduler: `schedule` must be a function of (epoch, "
        "learning_rate); received an empty one");
}

void LearningRateSchedulerImpl::on_epoch_begin(int epoch, const Logs&) {
  auto& optimizer = detail::model_optimizer(model(), kSchedulerName);
  // A MultiOptimizer's inner optimizers each get the schedule applied to their own rate.
  const auto inner = detail::inner_optimizers(optimizer);
  auto update = [&](optimizers::Optimizer& target, const std::string& label) {
    const double learning_rate = schedule(epoch, target.learning_rate());
    // Keras checks that the schedule returned a float; a C++ double always is, but NaN or an
    // infinity would train on silently.
    if (!std::isfinite(learning_rate))
      throw ValueError("The output of the `schedule` function should be a finite float. Got: " +
                       detail::python_float(learning_rate));
    target.set_learning_rate(learning_rate);
    if (verbose > 0)
      utils::detail::print_msg("\nEpoch " + std::to_string(epoch + 1) +
                               ": LearningRateScheduler setting " + label + "learning rate to " +
                               detail::python_float(learning_rate) + ".");
  };
  if (inner.empty()) update(optimizer, "");
  for (auto* target : inner) update(*target, target->name() + " ");
}

void LearningRateSchedulerImpl::on_epoch_end(int, Logs& logs) {
  auto& optimizer = detail::model_optimizer(model(), kSchedulerName);
  const auto inner = detail::inner_optimizers(optimizer);
  if (inner.empty()) logs["learning_rate"] = optimizer.learning_rate();
  for (auto* target : inner) logs["learning_rate_" + target->name()] = target->learning_rate();
}

}  // namespace keras::callbacks
