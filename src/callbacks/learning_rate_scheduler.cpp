#include "keras/callbacks/learning_rate_scheduler.hpp"

#include <cmath>

#include "keras/core/errors.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/callbacks/model_access.hpp"
#include "src/utils/messages.hpp"

namespace keras::callbacks {

namespace {
constexpr const char* kWho = "LearningRateScheduler";
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
  auto& optimizer = detail::model_optimizer(model(), kWho);
  const double learning_rate = schedule(epoch, optimizer.learning_rate());
  // Keras checks that the schedule returned a float; a C++ double always is, but NaN or an
  // infinity would train on silently.
  if (!std::isfinite(learning_rate))
    throw ValueError("The output of the `schedule` function should be a finite float. Got: " +
                     detail::python_float(learning_rate));
  optimizer.set_learning_rate(learning_rate);
  if (verbose > 0)
    utils::detail::print_msg("\nEpoch " + std::to_string(epoch + 1) +
                             ": LearningRateScheduler setting learning rate to " +
                             detail::python_float(learning_rate) + ".");
}

void LearningRateSchedulerImpl::on_epoch_end(int, Logs& logs) {
  logs["learning_rate"] = detail::model_optimizer(model(), kWho).learning_rate();
}

}  // namespace keras::callbacks
