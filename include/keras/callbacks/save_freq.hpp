#pragma once
// `save_freq=` of the callbacks that save during fit (ModelCheckpoint, BackupAndRestore):
// "epoch" (after every epoch) or a positive number of batches.
#include <cstdint>

namespace keras::callbacks {

class SaveFreq {
 public:
  // ValueError for anything but "epoch".
  SaveFreq(const char* epoch);  // NOLINT: "epoch", as Python's default
  // ValueError unless `batches` > 0.
  SaveFreq(std::int64_t batches);
  SaveFreq(int batches) : SaveFreq(static_cast<std::int64_t>(batches)) {}
  bool per_epoch() const { return batches_ == 0; }
  std::int64_t batches() const { return batches_; }

 private:
  std::int64_t batches_ = 0;
};

}  // namespace keras::callbacks
