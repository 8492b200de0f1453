#pragma once
// `ReduceLROnPlateau`: multiplies the learning rate by `factor` when the monitored quantity has
// not improved for `patience` epochs, then waits `cooldown` epochs, never going below `min_lr`
// (keras.callbacks.ReduceLROnPlateau, Keras 3). Each epoch it logs the rate as
// "learning_rate", as Keras does. The optimizer's rate must be a number, not a schedule (a
// TypeError, as in Keras).
#include <string>

#include "keras/callbacks/monitor_callback.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

struct ReduceLROnPlateauOptions {
  std::string monitor = "val_loss";
  double factor = 0.1;  // new_lr = lr * factor; must be < 1
  int patience = 10;
  int verbose = 0;
  std::string mode = "auto";
  double min_delta = 1e-4;
  int cooldown = 0;
  double min_lr = 0.0;
};

class ReduceLROnPlateauImpl : public MonitorCallback {
 public:
  using Options = ReduceLROnPlateauOptions;
  explicit ReduceLROnPlateauImpl(ReduceLROnPlateauOptions options = {});

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  bool in_cooldown() const { return cooldown_counter > 0; }

  // Keras's attributes.
  double factor;
  double min_lr;
  int patience;
  int verbose;
  int cooldown;
  int cooldown_counter = 0;
  int wait = 0;

 private:
  bool reduce_learning_rate(int epoch);
};
KERAS_HANDLE(ReduceLROnPlateau);

}  // namespace keras::callbacks
