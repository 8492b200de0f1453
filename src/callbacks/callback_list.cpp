#include "keras/callbacks/callback_list.hpp"

#include "keras/callbacks/history.hpp"
#include "keras/callbacks/progbar_logger.hpp"
#include "keras/core/errors.hpp"

namespace keras::callbacks {

CallbackList::CallbackList(std::vector<std::shared_ptr<Callback>> callbacks, bool add_history,
                           bool add_progbar, Model* model, CallbackParams params)
    : callbacks_(std::move(callbacks)) {
  for (const auto& cb : callbacks_) {
    if (!cb) throw ValueError("CallbackList received a null callback.");
    if (auto p = std::dynamic_pointer_cast<ProgbarLoggerImpl>(cb)) progbar_ = p;
    else if (auto h = std::dynamic_pointer_cast<HistoryImpl>(cb)) history_ = h;
  }
  if (!history_ && add_history) {
    history_ = std::make_shared<HistoryImpl>();
    callbacks_.push_back(history_);
  }
  if (!progbar_ && add_progbar) {
    progbar_ = std::make_shared<ProgbarLoggerImpl>();
    callbacks_.push_back(progbar_);
  }
  set_model(model);
  set_params(params);
}

void CallbackList::set_params(const CallbackParams& params) {
  Callback::set_params(params);
  for (auto& cb : callbacks_) cb->set_params(params);
}

void CallbackList::set_model(Model* model) {
  if (!model) return;
  Callback::set_model(model);
  for (auto& cb : callbacks_) cb->set_model(model);
}

void CallbackList::begin_block() { ++in_begin_end_block_count_; }

void CallbackList::end_block() {
  if (--in_begin_end_block_count_ < 0) {
    in_begin_end_block_count_ = 0;
    throw ValueError("`on_xxx_end` called without corresponding `on_xxx_begin`");
  }
}

void CallbackList::on_batch_begin(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_batch_begin(batch, logs);
}
void CallbackList::on_batch_end(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_batch_end(batch, logs);
}
void CallbackList::on_epoch_begin(int epoch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_epoch_begin(epoch, logs);
}
void CallbackList::on_epoch_end(int epoch, Logs& logs) {
  for (auto& cb : callbacks_) cb->on_epoch_end(epoch, logs);
}
void CallbackList::on_epoch_end(int epoch, const Logs& logs) {
  Logs copy = logs;
  on_epoch_end(epoch, copy);
}
void CallbackList::on_train_batch_begin(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_train_batch_begin(batch, logs);
}
void CallbackList::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_train_batch_end(batch, logs);
}
void CallbackList::on_test_batch_begin(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_test_batch_begin(batch, logs);
}
void CallbackList::on_test_batch_end(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_test_batch_end(batch, logs);
}
void CallbackList::on_predict_batch_begin(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_predict_batch_begin(batch, logs);
}
void CallbackList::on_predict_batch_end(std::int64_t batch, const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_predict_batch_end(batch, logs);
}

void CallbackList::on_train_begin(const Logs& logs) {
  begin_block();
  for (auto& cb : callbacks_) cb->on_train_begin(logs);
}
void CallbackList::on_train_end(const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_train_end(logs);
  end_block();
}
void CallbackList::on_test_begin(const Logs& logs) {
  begin_block();
  for (auto& cb : callbacks_) cb->on_test_begin(logs);
}
void CallbackList::on_test_end(const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_test_end(logs);
  end_block();
}
void CallbackList::on_predict_begin(const Logs& logs) {
  begin_block();
  for (auto& cb : callbacks_) cb->on_predict_begin(logs);
}
void CallbackList::on_predict_end(const Logs& logs) {
  for (auto& cb : callbacks_) cb->on_predict_end(logs);
  end_block();
}

}  // namespace keras::callbacks
