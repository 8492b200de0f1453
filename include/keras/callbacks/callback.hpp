#pragma once
// `keras::callbacks::Callback`: the base of every hook into fit / evaluate / predict, with
// Keras 3's hooks, all no-ops by default. Callbacks live behind shared handles
// (keras/core/handle.hpp): `callbacks::EarlyStopping es({...})` is a handle to an
// `EarlyStoppingImpl`, and the one passed to fit is the one that runs (`es->stopped_epoch`
// after fit). Your own callback: derive from Callback and pass `keras::make_handle<Mine>()`.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "keras/callbacks/log_value.hpp"

namespace keras {
class Model;

namespace callbacks {

// Keras hands callbacks a dict with its keys sorted (`pythonify_logs`), so an ordered map
// reproduces the order Keras prints and records them in. Values are numbers, or arrays for
// metrics whose result is one (see LogValue).
using Logs = std::map<std::string, LogValue>;

// What `fit` / `evaluate` / `predict` pass to `set_params` (Keras's `params` dict).
struct CallbackParams {
  int verbose = 1;
  int epochs = 1;
  std::optional<std::int64_t> steps{};  // batches per epoch; unknown for open-ended data
};

class Callback {
 public:
  Callback() = default;
  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;
  virtual ~Callback() = default;

  virtual void set_params(const CallbackParams& params) { params_ = params; }
  const CallbackParams& params() const { return params_; }
  virtual void set_model(Model* model) { model_ = model; }
  Model* model() const { return model_; }

  // Backwards-compatible aliases: the default on_train_batch_* forward to them, as in Keras.
  virtual void on_batch_begin(std::int64_t /*batch*/, const Logs& /*logs*/) {}
  virtual void on_batch_end(std::int64_t /*batch*/, const Logs& /*logs*/) {}

  virtual void on_epoch_begin(int /*epoch*/, const Logs& /*logs*/) {}
  // Mutable because Keras callbacks add keys here that later callbacks (History) record, e.g.
  // LearningRateScheduler's "learning_rate"; CallbackList passes one copy through all of them.
  virtual void on_epoch_end(int /*epoch*/, Logs& /*logs*/) {}

  virtual void on_train_batch_begin(std::int64_t batch, const Logs& logs) {
    on_batch_begin(batch, logs);
  }
  virtual void on_train_batch_end(std::int64_t batch, const Logs& logs) {
    on_batch_end(batch, logs);
  }
  virtual void on_test_batch_begin(std::int64_t /*batch*/, const Logs& /*logs*/) {}
  virtual void on_test_batch_end(std::int64_t /*batch*/, const Logs& /*logs*/) {}
  virtual void on_predict_batch_begin(std::int64_t /*batch*/, const Logs& /*logs*/) {}
  virtual void on_predict_batch_end(std::int64_t /*batch*/, const Logs& /*logs*/) {}

  virtual void on_train_begin(const Logs& /*logs*/) {}
  virtual void on_train_end(const Logs& /*logs*/) {}
  virtual void on_test_begin(const Logs& /*logs*/) {}
  virtual void on_test_end(const Logs& /*logs*/) {}
  virtual void on_predict_begin(const Logs& /*logs*/) {}
  virtual void on_predict_end(const Logs& /*logs*/) {}

 private:
  CallbackParams params_;
  Model* model_ = nullptr;  // not owned: the model outlives the fit call that set it
};

}  // namespace callbacks
}  // namespace keras
