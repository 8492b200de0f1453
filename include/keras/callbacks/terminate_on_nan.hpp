#pragma once
// `TerminateOnNaN`: stops fit when a batch's loss is NaN or infinite
// (keras.callbacks.TerminateOnNaN).
#include "keras/core/handle.hpp"
#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

struct TerminateOnNaNOptions {
  // False: print "Batch N: Invalid loss, terminating training" and stop gracefully (every
  // callback's on_train_end still runs). True: throw keras::RuntimeError at once.
  bool raise_error = false;
};

class TerminateOnNaNImpl : public Callback {
 public:
  using Options = TerminateOnNaNOptions;
  explicit TerminateOnNaNImpl(TerminateOnNaNOptions options = {})
      : raise_error(options.raise_error) {}

  void on_batch_end(std::int64_t batch, const Logs& logs) override;

  bool raise_error;
};
KERAS_HANDLE(TerminateOnNaN);

}  // namespace keras::callbacks
