#pragma once
// `TensorBoard`: writes the logged scalars as TensorBoard event files (keras.callbacks.
// TensorBoard, Keras 3): per epoch `epoch_<name>` (with `epoch_learning_rate`) under
// <log_dir>/train and the validation values under <log_dir>/validation, at step = epoch; with
// update_freq "batch" or N, `batch_<name>` every N training batches at the global batch step;
// after each evaluation `evaluation_<name>_vs_iterations` at the optimizer's step. Written
// without TensorFlow (src/callbacks/event_file_writer.hpp). Keras's histogram, image,
// embedding and profiler options are NotImplementedError when turned on; write_graph writes
// nothing (Keras writes a graph only from TensorFlow).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "keras/callbacks/callback.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

namespace detail {
class EventFileWriter;
}

// `update_freq=`: "epoch", "batch" (every batch) or a positive number of batches.
class UpdateFreq {
 public:
  UpdateFreq(const char* epoch_or_batch);  // NOLINT: Python's strings
  UpdateFreq(std::int64_t batches);        // NOLINT
  UpdateFreq(int batches) : UpdateFreq(static_cast<std::int64_t>(batches)) {}  // NOLINT
  bool per_epoch() const { return batches_ == 0; }
  std::int64_t batches() const { return batches_; }

 private:
  std::int64_t batches_ = 0;
};

struct TensorBoardOptions {
  std::string log_dir = "logs";
  int histogram_freq = 0;
  bool write_graph = true;
  bool write_images = false;
  bool write_steps_per_second = false;
  UpdateFreq update_freq = "epoch";
  int profile_batch = 0;
  int embeddings_freq = 0;
};

class TensorBoardImpl : public Callback {
 public:
  using Options = TensorBoardOptions;
  explicit TensorBoardImpl(TensorBoardOptions options = {});
  ~TensorBoardImpl() override;

  void set_model(Model* model) override;
  void on_train_begin(const Logs& logs) override;
  void on_train_end(const Logs& logs) override;
  void on_train_batch_begin(std::int64_t batch, const Logs& logs) override;
  void on_train_batch_end(std::int64_t batch, const Logs& logs) override;
  void on_test_batch_begin(std::int64_t batch, const Logs& logs) override;
  void on_test_end(const Logs& logs) override;
  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;

  std::string log_dir;
  bool write_steps_per_second;
  UpdateFreq update_freq;

 private:
  detail::EventFileWriter& train_writer();
  detail::EventFileWriter& val_writer();
  void close_writers();

  std::unique_ptr<detail::EventFileWriter> train_, val_;
  std::int64_t global_train_batch_ = 0;
  std::int64_t global_test_batch_ = 0;
  std::int64_t epoch_start_iterations_ = 0;
  std::chrono::steady_clock::time_point batch_start_, epoch_start_;
};
KERAS_HANDLE(TensorBoard);

}  // namespace keras::callbacks
