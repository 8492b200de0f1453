#pragma once
// `TerminateOnNaN`: stops fit when a batch's loss is NaN or infinite
// (keras.callbacks.TerminateOnNaN).
#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

struct TerminateOnNaNOptions {
  // False: print "Batch N: Invalid loss, terminating training" and stop gracefully (every
  // callback's on_train_end still runs). True: throw keras::RuntimeError at once.
  bool raise_error = false;
};

class TerminateOnNaN : public Callback {
 public:
  explicit TerminateOnNaN(TerminateOnNaNOptions options = {}) : raise_error(options.raise_error) {}

  void on_batch_end(std::int64_t batch, const Logs& logs) override;

  bool raise_error;
};

}  // namespace keras::callbacks
