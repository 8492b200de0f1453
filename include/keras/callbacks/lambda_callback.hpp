#pragma once
// `LambdaCallback`: a callback made of functions (keras.callbacks.LambdaCallback). Keras's six
// named arguments come first; the other hooks (Keras's **kwargs) follow. Unset ones do nothing.
//   callbacks::LambdaCallback({.on_epoch_end = [](int epoch, auto& logs) { ... }})
#include <functional>

#include "keras/core/handle.hpp"
#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

struct LambdaCallbackOptions {
  using EpochFn = std::function<void(int epoch, Logs& logs)>;
  using BatchFn = std::function<void(std::int64_t batch, const Logs& logs)>;
  using LogsFn = std::function<void(const Logs& logs)>;

  std::function<void(int epoch, const Logs& logs)> on_epoch_begin{};
  EpochFn on_epoch_end{};
  LogsFn on_train_begin{};
  LogsFn on_train_end{};
  BatchFn on_train_batch_begin{};
  BatchFn on_train_batch_end{};
  // Keras's **kwargs hooks.
  BatchFn on_batch_begin{};
  BatchFn on_batch_end{};
  BatchFn on_test_batch_begin{};
  BatchFn on_test_batch_end{};
  BatchFn on_predict_batch_begin{};
  BatchFn on_predict_batch_end{};
  LogsFn on_test_begin{};
  LogsFn on_test_end{};
  LogsFn on_predict_begin{};
  LogsFn on_predict_end{};
};

class LambdaCallbackImpl : public Callback {
 public:
  using Options = LambdaCallbackOptions;
  explicit LambdaCallbackImpl(LambdaCallbackOptions fns = {}) : fns_(std::move(fns)) {}

  void on_batch_begin(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_batch_begin) fns_.on_batch_begin(batch, logs);
  }
  void on_batch_end(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_batch_end) fns_.on_batch_end(batch, logs);
  }
  void on_epoch_begin(int epoch, const Logs& logs) override {
    if (fns_.on_epoch_begin) fns_.on_epoch_begin(epoch, logs);
  }
  void on_epoch_end(int epoch, Logs& logs) override {
    if (fns_.on_epoch_end) fns_.on_epoch_end(epoch, logs);
  }
  // A given on_train_batch_* replaces the hook; otherwise the on_batch_* alias runs, as Keras.
  void on_train_batch_begin(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_train_batch_begin) fns_.on_train_batch_begin(batch, logs);
    else Callback::on_train_batch_begin(batch, logs);
  }
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_train_batch_end) fns_.on_train_batch_end(batch, logs);
    else Callback::on_train_batch_end(batch, logs);
  }
  void on_test_batch_begin(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_test_batch_begin) fns_.on_test_batch_begin(batch, logs);
  }
  void on_test_batch_end(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_test_batch_end) fns_.on_test_batch_end(batch, logs);
  }
  void on_predict_batch_begin(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_predict_batch_begin) fns_.on_predict_batch_begin(batch, logs);
  }
  void on_predict_batch_end(std::int64_t batch, const Logs& logs) override {
    if (fns_.on_predict_batch_end) fns_.on_predict_batch_end(batch, logs);
  }
  void on_train_begin(const Logs& logs) override {
    if (fns_.on_train_begin) fns_.on_train_begin(logs);
  }
  void on_train_end(const Logs& logs) override {
    if (fns_.on_train_end) fns_.on_train_end(logs);
  }
  void on_test_begin(const Logs& logs) override {
    if (fns_.on_test_begin) fns_.on_test_begin(logs);
  }
  void on_test_end(const Logs& logs) override {
    if (fns_.on_test_end) fns_.on_test_end(logs);
  }
  void on_predict_begin(const Logs& logs) override {
    if (fns_.on_predict_begin) fns_.on_predict_begin(logs);
  }
  void on_predict_end(const Logs& logs) override {
    if (fns_.on_predict_end) fns_.on_predict_end(logs);
  }

 private:
  LambdaCallbackOptions fns_;
};
KERAS_HANDLE(LambdaCallback);

}  // namespace keras::callbacks
