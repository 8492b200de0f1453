#include "keras/callbacks/model_checkpoint.hpp"

#include <cstdio>
#include <filesystem>

#include "keras/core/errors.hpp"
#include "src/utils/messages.hpp"
#include "src/callbacks/model_access.hpp"
#include "src/callbacks/path_format.hpp"
#include "src/callbacks/save_schedule.hpp"

namespace keras::callbacks {

namespace {

std::string five_digits(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  return buf;
}

}  // namespace

ModelCheckpointImpl::ModelCheckpointImpl(std::string filepath_, ModelCheckpointOptions o)
    : MonitorCallback("ModelCheckpoint", o.monitor, o.mode, o.initial_value_threshold, 0.0),
      filepath(std::move(filepath_)),
      verbose(o.verbose),
      save_best_only(o.save_best_only),
      save_weights_only(o.save_weights_only),
      save_freq(o.save_freq) {
  if (save_weights_only) {
    if (!filepath.ends_with(".weights.h5"))
      throw ValueError(
          "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath provided must "
          "end in `.weights.h5` (Keras weights format). Received: filepath=" +
          filepath);
  } else if (!filepath.ends_with(".keras") && !filepath.ends_with(".h5")) {
    throw ValueError(
        "The filepath provided must end in `.keras` (Keras model format). Received: filepath=" +
        filepath);
  }
}

void ModelCheckpointImpl::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  if (detail::should_save_on_batch(batch, save_freq, last_batch_seen_,
                                   batches_seen_since_last_saving_))
    save_model(current_epoch_, batch, logs);
}

void ModelCheckpointImpl::on_epoch_begin(int epoch, const Logs&) { current_epoch_ = epoch; }

void ModelCheckpointImpl::on_epoch_end(int epoch, Logs& logs) {
  if (!monitor_op_set()) set_monitor_op();
  if (save_freq.per_epoch()) save_model(epoch, std::nullopt, logs);
}

std::string ModelCheckpointImpl::file_path(int epoch, std::optional<std::int64_t> batch,
                                           const Logs& logs) const {
  std::map<std::string, detail::FormatValue> values;
  // An array-valued entry is left out: a filepath naming it fails as an unknown key, where
  // Keras formats the numpy array (or fails on a float format spec).
  for (const auto& [k, v] : logs)
    if (v.is_scalar()) values[k] = v.item();
  values["epoch"] = std::int64_t{epoch + 1};
  if (batch && !logs.count("batch")) values["batch"] = *batch + 1;
  try {
    return detail::python_format(filepath, values);
  } catch (const detail::KeyError& e) {
    throw detail::KeyError("Failed to format this callback filepath: \"" + filepath +
                           "\". Reason: " + e.what());
  }
}

void ModelCheckpointImpl::save_model(int epoch, std::optional<std::int64_t> batch,
                                     const Logs& logs) {
  std::string path = file_path(epoch, batch, logs);
  const std::string prefix = "\nEpoch " + std::to_string(epoch + 1) + ": ";
  if (save_best_only) {
    auto it = logs.find(monitor);
    if (it == logs.end()) {
      utils::detail::warn("Can save best model only with " + monitor + " available.");
    } else {
      const double current = monitored_number(it->second);
      std::string best_str = best ? five_digits(*best) : "None";
      if (!is_improvement(current, best)) {
        if (verbose > 0)
          utils::detail::print_msg(prefix + monitor + " did not improve from " + best_str);
        return;
      }
      if (verbose > 0)
        utils::detail::print_msg(prefix + monitor + " improved from " + best_str + " to " +
                                 five_digits(current) + ", saving model to " + path);
      best = current;
    }
  } else if (verbose > 0) {
    utils::detail::print_msg(prefix + "saving model to " + path);
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  if (std::filesystem::is_directory(path))
    throw IOError(
        "Please specify a non-directory filepath for ModelCheckpoint. Filepath used is "
        "an existing directory: " +
        path);
  detail::save_model_to(model(), path, save_weights_only, "ModelCheckpoint");
  if (verbose > 0) utils::detail::print_msg(prefix + "finished saving model to " + path);
}

}  // namespace keras::callbacks
