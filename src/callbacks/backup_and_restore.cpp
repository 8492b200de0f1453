// BackupAndRestore, following keras/src/callbacks/backup_and_restore.py (Keras 3.15).
#include "keras/callbacks/backup_and_restore.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "keras/core/config_value.hpp"
#include "keras/core/errors.hpp"
#include "src/callbacks/model_access.hpp"
#include "src/callbacks/save_schedule.hpp"
#include "src/io/temp_file.hpp"

namespace keras::callbacks {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBackupName = "BackupAndRestore";

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

// Both writes go through a temporary file renamed over the target, so an interruption while
// saving leaves the previous backup whole.
void write_text(const std::string& path, const std::string& text) {
  io::TempFile tmp = io::TempFile::beside(path);
  std::ofstream out(tmp.path(), std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw IOError(std::string(kBackupName) + ": cannot write '" + path + "'");
  tmp.commit_to(path);
}

void copy_file(const std::string& from, const std::string& to) {
  io::TempFile tmp = io::TempFile::beside(to);
  std::error_code ec;
  fs::copy_file(from, tmp.path(), fs::copy_options::overwrite_existing, ec);
  if (ec)
    throw IOError(std::string(kBackupName) + ": cannot copy '" + from + "' to '" + to +
                  "': " + ec.message());
  tmp.commit_to(to);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError(std::string(kBackupName) + ": cannot read '" + path + "'");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The "epoch" of training_metadata.json: the number of epochs the backup has completed.
int saved_epoch(const std::string& path) {
  const std::string text = read_text(path);
  try {
    const ConfigValue metadata = ConfigValue::parse(text);
    const std::int64_t epoch = metadata.at("epoch").as_int();
    if (epoch < 0 || epoch > std::numeric_limits<int>::max())
      throw ValueError("\"epoch\" is " + std::to_string(epoch));
    return static_cast<int>(epoch);
  } catch (const ValueError& e) {
    throw ValueError(std::string(kBackupName) + ": '" + path +
                     "' is not training metadata (expected {\"epoch\": <epochs completed>, "
                     "\"batch\": <batch>}): " +
                     e.what());
  }
}

}  // namespace

BackupAndRestoreImpl::BackupAndRestoreImpl(std::string backup_dir_, BackupAndRestoreOptions o)
    : backup_dir(std::move(backup_dir_)),
      save_freq(o.save_freq),
      double_checkpoint(o.double_checkpoint),
      delete_checkpoint(o.delete_checkpoint) {
  if (backup_dir.empty()) throw ValueError("Empty `backup_dir` argument passed");
}

std::string BackupAndRestoreImpl::weights_path() const {
  return (fs::path(backup_dir) / "latest.weights.h5").string();
}

std::string BackupAndRestoreImpl::training_metadata_path() const {
  return (fs::path(backup_dir) / "training_metadata.json").string();
}

void BackupAndRestoreImpl::on_train_begin(const Logs&) {
  try {
    load_model();
  } catch (const IOError&) {
    // The latest backup may be corrupt: fall back to the previous one, as Keras does.
    const std::string prev_weights = weights_path() + ".bkp";
    const std::string prev_metadata = training_metadata_path() + ".bkp";
    if (!exists(prev_weights)) throw;
    copy_file(prev_weights, weights_path());
    if (exists(prev_metadata)) {
      copy_file(prev_metadata, training_metadata_path());
    } else if (exists(training_metadata_path())) {
      std::error_code ignored;
      fs::remove(training_metadata_path(), ignored);
    }
    load_model();
  }
}

void BackupAndRestoreImpl::load_model() {
  if (!detail::model_built(model(), kBackupName))
    throw ValueError(
        "To use the BackupAndRestore callback, your model must be built before you call "
        "`fit()`. The model is unbuilt. You can build it beforehand by calling it on a batch of "
        "data, or by giving it an `Input`.");
  if (exists(weights_path())) detail::load_training_state(model(), weights_path(), kBackupName);
  if (exists(training_metadata_path()))
    detail::set_initial_epoch(model(), saved_epoch(training_metadata_path()), kBackupName);
}

// Keras sets the epoch only when one ends; setting it when one begins too keeps a batch-level
// backup's "epoch" right when a fresh callback object resumes a run at a later epoch.
void BackupAndRestoreImpl::on_epoch_begin(int epoch, const Logs&) { current_epoch_ = epoch; }

void BackupAndRestoreImpl::on_epoch_end(int epoch, Logs&) {
  current_epoch_ = epoch + 1;
  last_batch_seen_ = 0;
  if (save_freq.per_epoch()) save_model();
}

void BackupAndRestoreImpl::on_train_batch_end(std::int64_t batch, const Logs&) {
  if (detail::should_save_on_batch(batch, save_freq, last_batch_seen_,
                                   batches_seen_since_last_saving_))
    save_model();
}

void BackupAndRestoreImpl::save_model() {
  std::error_code ec;
  fs::create_directories(backup_dir, ec);
  if (ec || !fs::is_directory(backup_dir))
    throw IOError(std::string(kBackupName) + ": cannot create the backup directory '" + backup_dir +
                  "'" + (ec ? ": " + ec.message() : ": a file of that name exists"));
  if (double_checkpoint && exists(weights_path()))
    copy_file(weights_path(), weights_path() + ".bkp");
  if (double_checkpoint && exists(training_metadata_path()))
    copy_file(training_metadata_path(), training_metadata_path() + ".bkp");
  detail::save_model_to(model(), weights_path(), /*weights_only=*/true, kBackupName);
  const ConfigValue metadata(
      ConfigValue::Dict{{"epoch", current_epoch_}, {"batch", last_batch_seen_}});
  write_text(training_metadata_path(), metadata.dump());
}

void BackupAndRestoreImpl::on_train_end(const Logs&) {
  if (!delete_checkpoint || !exists(backup_dir)) return;
  std::error_code ec;
  fs::remove_all(backup_dir, ec);
  if (ec)
    throw IOError(std::string(kBackupName) + ": cannot delete the backup directory '" + backup_dir +
                  "': " + ec.message());
}

}  // namespace keras::callbacks
