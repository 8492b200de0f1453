#pragma once
// `CallbackList`: forwards every hook to its callbacks in order (keras.callbacks.CallbackList).
// The trainer builds one per fit / evaluate / predict call.
#include <memory>
#include <vector>

#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

class HistoryImpl;
class ProgbarLoggerImpl;

class CallbackList : public Callback {
 public:
  // As Keras: a History is appended when `add_history` and none is in `callbacks`, then a
  // ProgbarLogger when `add_progbar` (fit passes verbose != 0) and none is there. `model` and
  // `params` are handed to every callback.
  explicit CallbackList(std::vector<std::shared_ptr<Callback>> callbacks = {},
                        bool add_history = false, bool add_progbar = false, Model* model = nullptr,
                        CallbackParams params = {});

  const std::vector<std::shared_ptr<Callback>>& callbacks() const { return callbacks_; }
  // The History / ProgbarLogger in the list (given or added), or null.
  const std::shared_ptr<HistoryImpl>& history() const { return history_; }
  const std::shared_ptr<ProgbarLoggerImpl>& progbar() const { return progbar_; }

  void set_params(const CallbackParams& params) override;
  void set_model(Model* model) override;  // a null model changes nothing, as in Keras

  void on_batch_begin(std::int64_t batch, const Logs& logs = {}) override;
  void on_batch_end(std::int64_t batch, const Logs& logs = {}) override;
  void on_epoch_begin(int epoch, const Logs& logs = {}) override;
  // Every callback sees the same logs object, so keys one adds reach the later ones (History
  // is last); the const overload works on a copy, as Keras copies the logs dict.
  void on_epoch_end(int epoch, Logs& logs) override;
  void on_epoch_end(int epoch, const Logs& logs = {});
  void on_train_batch_begin(std::int64_t batch, const Logs& logs = {}) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs = {}) override;
  void on_test_batch_begin(std::int64_t batch, const Logs& logs = {}) override;
  void on_test_batch_end(std::int64_t batch, const Logs& logs = {}) override;
  void on_predict_batch_begin(std::int64_t batch, const Logs& logs = {}) override;
  void on_predict_batch_end(std::int64_t batch, const Logs& logs = {}) override;
  void on_train_begin(const Logs& logs = {}) override;
  void on_train_end(const Logs& logs = {}) override;
  void on_test_begin(const Logs& logs = {}) override;
  void on_test_end(const Logs& logs = {}) override;
  void on_predict_begin(const Logs& logs = {}) override;
  void on_predict_end(const Logs& logs = {}) override;

 private:
  void begin_block();
  void end_block();  // throws, as Keras, on an end without a begin

  std::vector<std::shared_ptr<Callback>> callbacks_;
  std::shared_ptr<HistoryImpl> history_;
  std::shared_ptr<ProgbarLoggerImpl> progbar_;
  int in_begin_end_block_count_ = 0;
};

}  // namespace keras::callbacks
