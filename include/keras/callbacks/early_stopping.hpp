#pragma once
// `EarlyStopping`: stops fit when the monitored quantity has stopped improving
// (keras.callbacks.EarlyStopping, Keras 3 semantics, including `baseline`,
// `start_from_epoch` and `restore_best_weights`).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "keras/core/handle.hpp"
#include "keras/callbacks/monitor_callback.hpp"
#include "keras/core/tensor.hpp"

namespace keras::callbacks {

struct EarlyStoppingOptions {
  std::string monitor = "val_loss";
  double min_delta = 0;
  int patience = 0;
  int verbose = 0;
  std::string mode = "auto";
  std::optional<double> baseline{};
  bool restore_best_weights = false;
  int start_from_epoch = 0;
};

class EarlyStoppingImpl : public MonitorCallback {
 public:
  using Options = EarlyStoppingOptions;
  explicit EarlyStoppingImpl(EarlyStoppingOptions options = {});

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  // Prints "Epoch N: early stopping" (verbose > 0) and restores the best weights if asked.
  void on_train_end(const Logs& logs) override;

  // Keras's attributes.
  int patience;
  int verbose;
  std::optional<double> baseline;
  bool restore_best_weights;
  int start_from_epoch;
  int wait = 0;           // epochs since the last improvement (or since training began)
  int stopped_epoch = 0;  // the epoch at which training was stopped; 0 if it was not
  int best_epoch = 0;
  std::optional<std::vector<Tensor>> best_weights;

 private:
  // The monitored value, or nullopt after a warning listing the available keys.
  std::optional<double> get_monitor_value(const Logs& logs);
  std::set<std::string> warned_;  // Python shows each distinct warning once
};
KERAS_HANDLE(EarlyStopping);

}  // namespace keras::callbacks
