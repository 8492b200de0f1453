#pragma once
// `ProgbarLogger`: prints the "Epoch 1/5" line and a `utils::Progbar` per epoch (and per
// evaluate / predict call), as Keras 3 does. fit adds one itself when verbose != 0.
#include <cstdio>
#include <functional>
#include <optional>

#include "keras/core/handle.hpp"
#include "keras/callbacks/callback.hpp"
#include "keras/utils/progbar.hpp"

namespace keras::callbacks {

// C++ additions (Keras's ProgbarLogger takes no arguments): where to print, whether to redraw
// in place (default: output is a tty) and the clock in seconds (tests fake it).
struct ProgbarLoggerOptions {
  std::FILE* output = stdout;
  std::optional<bool> dynamic_display{};
  std::function<double()> clock{};
};

class ProgbarLoggerImpl : public Callback {
 public:
  using Options = ProgbarLoggerOptions;
  explicit ProgbarLoggerImpl(ProgbarLoggerOptions options = {});

  void set_params(const CallbackParams& params) override;
  void on_train_begin(const Logs& logs) override;
  void on_test_begin(const Logs& logs) override;
  void on_predict_begin(const Logs& logs) override;
  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_test_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_predict_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  void on_test_end(const Logs& logs) override;
  void on_predict_end(const Logs& logs) override;

 private:
  void reset_progbar();
  void maybe_init_progbar();
  void update_progbar(std::int64_t batch, const Logs& logs);
  void finalize_progbar(const Logs& logs);

  ProgbarLoggerOptions options_;
  std::int64_t seen_ = 0;
  std::optional<utils::Progbar> progbar_;
  std::optional<std::int64_t> target_;
  int verbose_ = 1;
  int epochs_ = 1;
  bool called_in_fit_ = false;  // validation inside fit stays silent
};
KERAS_HANDLE(ProgbarLogger);

}  // namespace keras::callbacks
