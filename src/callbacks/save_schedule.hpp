#pragma once
// Keras's `_should_save_on_batch` (internal), shared by ModelCheckpoint and BackupAndRestore:
// counts the batches fit has run since the last save — across epochs, and with fit's batch
// numbers restarting each epoch — and says when `save_freq` of them have passed.
#include <cstdint>

#include "keras/callbacks/save_freq.hpp"

namespace keras::callbacks::detail {

inline bool should_save_on_batch(std::int64_t batch, const SaveFreq& save_freq,
                                 std::int64_t& last_batch_seen,
                                 std::int64_t& batches_seen_since_last_saving) {
  if (save_freq.per_epoch()) return false;
  // A batch number not above the last one seen starts a new epoch.
  std::int64_t add = batch <= last_batch_seen ? batch + 1 : batch - last_batch_seen;
  batches_seen_since_last_saving += add;
  last_batch_seen = batch;
  if (batches_seen_since_last_saving >= save_freq.batches()) {
    batches_seen_since_last_saving = 0;
    return true;
  }
  return false;
}

}  // namespace keras::callbacks::detail
