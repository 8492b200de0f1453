#pragma once
// `LearningRateScheduler`: at the start of each epoch sets the optimizer's learning rate to
// schedule(epoch, current rate), and logs the rate as "learning_rate" at its end
// (keras.callbacks.LearningRateScheduler, Keras 3). The optimizer's rate must be a number, not
// a schedule (a TypeError, as in Keras).
#include <functional>
#include <tuple>

#include "keras/callbacks/callback.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

// (epoch index from 0, current learning rate) -> new learning rate.
using LearningRateSchedule = std::function<double(int epoch, double learning_rate)>;

struct LearningRateSchedulerOptions {
  int verbose = 0;
};

class LearningRateSchedulerImpl : public Callback {
 public:
  using Positional = std::tuple<LearningRateSchedule>;
  using Options = LearningRateSchedulerOptions;
  explicit LearningRateSchedulerImpl(LearningRateSchedule schedule,
                                     LearningRateSchedulerOptions options = {});

  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;

  LearningRateSchedule schedule;
  int verbose;
};
KERAS_HANDLE(LearningRateScheduler);

}  // namespace keras::callbacks
