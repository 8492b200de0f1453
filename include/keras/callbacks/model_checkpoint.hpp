#pragma once
// `ModelCheckpoint`: saves the model (or its weights) during fit (keras.callbacks.
// ModelCheckpoint, Keras 3 semantics): after every epoch or every `save_freq` batches, to a
// file name filled from the epoch and the logs ("ckpt-{epoch:02d}-{val_loss:.2f}.keras"),
// optionally only when the monitored quantity improved.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "keras/callbacks/monitor_callback.hpp"
#include "keras/callbacks/save_freq.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

struct ModelCheckpointOptions {
  std::string monitor = "val_loss";
  int verbose = 0;
  bool save_best_only = false;
  bool save_weights_only = false;
  std::string mode = "auto";
  SaveFreq save_freq = "epoch";
  std::optional<double> initial_value_threshold{};
};

class ModelCheckpointImpl : public MonitorCallback {
 public:
  using Positional = std::tuple<std::string>;
  using Options = ModelCheckpointOptions;
  // ValueError, as Keras, unless `filepath` ends in ".keras" or ".h5" (whole model) or
  // ".weights.h5" (save_weights_only).
  explicit ModelCheckpointImpl(std::string filepath, ModelCheckpointOptions options = {});

  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;

  // Keras's attributes.
  std::string filepath;
  int verbose;
  bool save_best_only;
  bool save_weights_only;
  SaveFreq save_freq;

 private:
  void save_model(int epoch, std::optional<std::int64_t> batch, const Logs& logs);
  std::string file_path(int epoch, std::optional<std::int64_t> batch, const Logs& logs) const;

  int current_epoch_ = 0;
  std::int64_t batches_seen_since_last_saving_ = 0;
  std::int64_t last_batch_seen_ = 0;
};
KERAS_HANDLE(ModelCheckpoint);

}  // namespace keras::callbacks
