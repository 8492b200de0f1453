#pragma once
// `BackupAndRestore`: lets an interrupted fit resume where it stopped
// (keras.callbacks.BackupAndRestore, Keras 3 semantics). After every epoch (or every
// `save_freq` batches) it writes the training state into `backup_dir`, in the files Keras
// writes, each replaced atomically:
//   latest.weights.h5        model.save_weights(): the weights and the optimizer's variables
//   training_metadata.json   {"epoch": epochs completed, "batch": last batch seen}
// When fit begins and a backup exists, it loads it and fit starts at the saved epoch. When fit
// completes, the backup is deleted (unless delete_checkpoint = false). Backups written here
// and by Keras are interchangeable.
//   callbacks::BackupAndRestore backup("/tmp/backup");
//   model.fit(x, y, {.epochs = 10, .callbacks = {backup}});  // rerun after a crash: resumes
#include <cstdint>
#include <string>
#include <tuple>

#include "keras/callbacks/callback.hpp"
#include "keras/callbacks/save_freq.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

struct BackupAndRestoreOptions {
  SaveFreq save_freq = "epoch";
  // Also keep the previous backup (`<file>.bkp`); when the latest cannot be read, fit resumes
  // from the previous one.
  bool double_checkpoint = false;
  // Remove backup_dir when fit completes.
  bool delete_checkpoint = true;
};

class BackupAndRestoreImpl : public Callback {
 public:
  using Positional = std::tuple<std::string>;
  using Options = BackupAndRestoreOptions;
  // ValueError for an empty `backup_dir`, as Keras. The directory is created at the first save
  // and must not be shared with other files: delete_checkpoint removes all of it.
  explicit BackupAndRestoreImpl(std::string backup_dir, BackupAndRestoreOptions options = {});

  // Restores the latest backup, if any: ValueError if the model is not built; IOError naming
  // the file if it cannot be read (and no readable previous backup exists).
  void on_train_begin(const Logs& logs) override;
  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_train_end(const Logs& logs) override;

  // Keras's attributes.
  std::string backup_dir;
  SaveFreq save_freq;
  bool double_checkpoint;
  bool delete_checkpoint;

  std::string weights_path() const;            // <backup_dir>/latest.weights.h5
  std::string training_metadata_path() const;  // <backup_dir>/training_metadata.json

 private:
  void load_model();
  void save_model();

  int current_epoch_ = 0;  // what a backup records as "epoch": the epochs completed
  std::int64_t batches_seen_since_last_saving_ = 0;
  std::int64_t last_batch_seen_ = 0;
};
KERAS_HANDLE(BackupAndRestore);

}  // namespace keras::callbacks
