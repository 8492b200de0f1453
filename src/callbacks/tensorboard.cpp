#include "keras/callbacks/tensorboard.hpp"

#include <cstring>
#include <filesystem>

#include "keras/core/errors.hpp"
#include "keras/models/model.hpp"
#include "keras/optimizers/loss_scale_optimizer.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/callbacks/event_file_writer.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras::callbacks {

UpdateFreq::UpdateFreq(const char* epoch_or_batch) {
  if (std::strcmp(epoch_or_batch, "batch") == 0) batches_ = 1;
  else if (std::strcmp(epoch_or_batch, "epoch") != 0)
    throw ValueError(std::string("Unrecognized update_freq: ") + epoch_or_batch +
                     ". Expected 'epoch', 'batch' or a positive integer");
}

UpdateFreq::UpdateFreq(std::int64_t batches) : batches_(batches) {
  if (batches <= 0)
    throw ValueError("Unrecognized update_freq: " + std::to_string(batches) +
                     ". Expected 'epoch', 'batch' or a positive integer");
}

namespace {

void refuse(bool on, const char* option) {
  if (on)
    throw NotImplementedError(std::string("TensorBoard: keraspp writes scalars only; `") + option +
                              "` is not supported yet");
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TensorBoardImpl::TensorBoardImpl(TensorBoardOptions options)
    : log_dir(std::move(options.log_dir)),
      write_steps_per_second(options.write_steps_per_second),
      update_freq(options.update_freq) {
  refuse(options.histogram_freq != 0, "histogram_freq");
  refuse(options.write_images, "write_images");
  refuse(options.embeddings_freq != 0, "embeddings_freq");
  refuse(options.profile_batch != 0, "profile_batch");
}

TensorBoardImpl::~TensorBoardImpl() = default;

void TensorBoardImpl::set_model(Model* model) {
  Callback::set_model(model);
  close_writers();  // Keras resets its writers with the model
}

detail::EventFileWriter& TensorBoardImpl::train_writer() {
  if (!train_)
    train_ = std::make_unique<detail::EventFileWriter>(
        (std::filesystem::path(log_dir) / "train").string());
  return *train_;
}

detail::EventFileWriter& TensorBoardImpl::val_writer() {
  if (!val_)
    val_ = std::make_unique<detail::EventFileWriter>(
        (std::filesystem::path(log_dir) / "validation").string());
  return *val_;
}

void TensorBoardImpl::close_writers() {
  train_.reset();
  val_.reset();
}

void TensorBoardImpl::on_train_begin(const Logs&) {
  global_train_batch_ = 0;
  epoch_start_iterations_ = 0;
}

namespace {

// Keras writes every logged value with tf.summary.scalar, which asserts a scalar: an
// array-valued metric makes it raise a ValueError, as here.
double summary_scalar(const std::string& tag, const LogValue& value) {
  if (!value.is_scalar())
    throw ValueError("TensorBoard: expected scalar shape for " + tag +
                     ", saw shape: " + value.shape_str() +
                     " (an array-valued metric cannot be written as a scalar summary)");
  return value.item();
}

}  // namespace

void TensorBoardImpl::on_train_end(const Logs&) { close_writers(); }

void TensorBoardImpl::on_train_batch_begin(std::int64_t, const Logs&) {
  ++global_train_batch_;
  if (write_steps_per_second) batch_start_ = std::chrono::steady_clock::now();
}

void TensorBoardImpl::on_train_batch_end(std::int64_t, const Logs& logs) {
  // Keras records batch summaries only while a writer is pushed: never with "epoch", else
  // every update_freq-th global batch.
  if (update_freq.per_epoch() || global_train_batch_ % update_freq.batches() != 0) return;
  auto& writer = train_writer();
  if (write_steps_per_second)
    writer.add_scalar("batch_steps_per_second", 1.0 / seconds_since(batch_start_),
                      global_train_batch_);
  for (const auto& [name, value] : logs)
    writer.add_scalar("batch_" + name, summary_scalar("batch_" + name, value), global_train_batch_);
}

void TensorBoardImpl::on_test_batch_begin(std::int64_t, const Logs&) { ++global_test_batch_; }

void TensorBoardImpl::on_test_end(const Logs& logs) {
  if (!model() || !model()->optimizer()) return;
  const std::int64_t step = model()->optimizer()->iterations().value().item<std::int64_t>();
  auto& writer = val_writer();
  for (const auto& [name, value] : logs) {
    const std::string tag = "evaluation_" + name + "_vs_iterations";
    writer.add_scalar(tag, summary_scalar(tag, value), step);
  }
  writer.flush();
}

void TensorBoardImpl::on_epoch_begin(int, const Logs&) {
  if (!write_steps_per_second || !model() || !model()->optimizer()) return;
  epoch_start_iterations_ = model()->optimizer()->iterations().value().item<std::int64_t>();
  epoch_start_ = std::chrono::steady_clock::now();
}

void TensorBoardImpl::on_epoch_end(int epoch, Logs& logs) {
  if (logs.empty()) return;
  Logs train, validation;
  for (const auto& [name, value] : logs) {
    if (name.rfind("val_", 0) == 0) validation[name.substr(4)] = value;
    else train[name] = value;
  }
  if (model() && model()->optimizer()) {
    auto& optimizer = *model()->optimizer();
    // A MultiOptimizer's rates are its optimizers' (inside a LossScaleOptimizer too), logged
    // as learning_rate_<name>, as Keras's _collect_learning_rate does.
    optimizers::Optimizer* rated = &optimizer;
    if (auto* wrapper = dynamic_cast<optimizers::LossScaleOptimizerImpl*>(rated))
      rated = wrapper->inner_optimizer().get();
    const auto inner = detail::inner_optimizers(*rated);
    if (inner.empty()) train["learning_rate"] = rated->learning_rate();
    for (auto* target : inner) train["learning_rate_" + target->name()] = target->learning_rate();
    if (write_steps_per_second)
      train["steps_per_second"] =
          static_cast<double>(optimizer.iterations().value().item<std::int64_t>() -
                              epoch_start_iterations_) /
          seconds_since(epoch_start_);
  }
  auto& writer = train_writer();
  for (const auto& [name, value] : train)
    writer.add_scalar("epoch_" + name, summary_scalar("epoch_" + name, value), epoch);
  writer.flush();
  if (validation.empty()) return;
  auto& val = val_writer();
  for (const auto& [name, value] : validation)
    val.add_scalar("epoch_" + name, summary_scalar("epoch_" + name, value), epoch);
  val.flush();
}

}  // namespace keras::callbacks
