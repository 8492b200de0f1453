// BackupAndRestore (Keras 3 semantics): an interrupted fit resumes where its last backup was
// taken, with the weights and the optimizer state, and ends as an uninterrupted run; backups
// every N batches, kept or deleted, doubled, and the errors for what cannot work. The same
// against live Keras: test_backup_and_restore_keras.cpp.
#include "callbacks/backup_helpers.hpp"

using namespace keras;
using namespace backup_test;

namespace {

const Tensor kBackupX = testing::random_tensor({20, 4}, 11, -1, 1, DType::float32);
const Tensor kBackupY = testing::random_tensor({20, 2}, 12, -1, 1, DType::float32);

std::vector<Tensor> initial_weights() {
  return {testing::random_tensor({4, 5}, 13, -1, 1, DType::float32),
          testing::random_tensor({5}, 14, -1, 1, DType::float32),
          testing::random_tensor({5, 2}, 15, -1, 1, DType::float32),
          testing::random_tensor({2}, 16, -1, 1, DType::float32)};
}

// 20 samples in batches of 8: 3 batches an epoch.
History fit(ModelHandle<Sequential>& model, std::vector<callbacks::Spec> cbs, int epochs = 5) {
  return model.fit(kBackupX, kBackupY,
                   {.batch_size = 8,
                    .epochs = epochs,
                    .verbose = 0,
                    .callbacks = std::move(cbs),
                    .shuffle = false});
}

std::int64_t iterations(ModelHandle<Sequential>& model) {
  return model->optimizer()->iterations().value().item<std::int64_t>();
}

void require_same_weights(const std::vector<Tensor>& got, const std::vector<Tensor>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) testing::require_close(got[i], want[i], 0, 0);
}

std::vector<LogValue> tail(const std::vector<LogValue>& v, std::size_t from) {
  return {v.begin() + static_cast<std::ptrdiff_t>(from), v.end()};
}

}  // namespace

TEST_CASE("an interrupted fit resumes at its last epoch and ends as an uninterrupted one",
          "[backup_and_restore]") {
  auto reference = backup_mlp(initial_weights());
  History full = fit(reference, {});

  TempDir tmp;
  const std::string dir = tmp / "backup";
  {
    auto model = backup_mlp(initial_weights());
    callbacks::BackupAndRestore backup(dir);
    REQUIRE_THROWS_AS(fit(model, {backup, interrupt_after(3)}), Interruption);
    CHECK(fs::exists(backup->weights_path()));
    CHECK(read_bytes(backup->training_metadata_path()) == R"({"epoch": 3, "batch": 0})");
  }
  // As after a crash: a new model (at its initial weights, optimizer unbuilt) and callback.
  auto model = backup_mlp(initial_weights());
  callbacks::BackupAndRestore backup(dir);
  History resumed = fit(model, {backup});
  CHECK(resumed->epoch == std::vector<int>{3, 4});
  for (const auto& key : {"loss", "mae"}) {
    INFO(key);
    CHECK(resumed->history.at(key) == tail(full->history.at(key), 3));
  }
  require_same_weights(model->get_weights(), reference->get_weights());
  CHECK(iterations(model) == 15);
  auto want = reference->optimizer()->variables(), got = model->optimizer()->variables();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    testing::require_close(got[i].value(), want[i].value(), 0, 0);
  CHECK_FALSE(fs::exists(dir));  // delete_checkpoint
}

TEST_CASE("the model and callback of the interrupted fit resume it too, for that fit only",
          "[backup_and_restore]") {
  TempDir tmp;
  auto model = backup_mlp(initial_weights());
  callbacks::BackupAndRestore backup(tmp / "backup");
  REQUIRE_THROWS_AS(fit(model, {backup, interrupt_after(4)}), Interruption);
  History resumed = fit(model, {backup}, 10);
  CHECK(resumed->epoch == std::vector<int>{4, 5, 6, 7, 8, 9});
  CHECK(iterations(model) == 30);
  // The epoch a backup resumed at is for that fit only (Keras keeps it on the model).
  CHECK(fit(model, {})->epoch == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("save_freq in batches backs up mid-epoch; resuming restarts that epoch from the backup",
          "[backup_and_restore]") {
  TempDir tmp;
  const std::string dir = tmp / "backup";
  std::vector<Tensor> after_four_batches;
  {
    auto model = backup_mlp(initial_weights());
    callbacks::BackupAndRestore backup(dir, {.save_freq = 2});
    int batches = 0;
    callbacks::LambdaCallback snapshot({.on_train_batch_end = [&](std::int64_t, auto&) {
      if (++batches == 4) after_four_batches = model->get_weights();
    }});
    // Backups after batches 2 and 4 (epoch 1, batch 0); interrupted after batch 5.
    REQUIRE_THROWS_AS(fit(model, {backup, snapshot, interrupt_after(std::nullopt, 5)}),
                      Interruption);
    CHECK(read_bytes(backup->training_metadata_path()) == R"({"epoch": 1, "batch": 0})");
  }
  auto model = backup_mlp(initial_weights());
  callbacks::BackupAndRestore backup(dir, {.save_freq = 2});
  std::vector<Tensor> restored;
  callbacks::LambdaCallback look(
      {.on_train_begin = [&](auto&) { restored = model->get_weights(); }});
  History resumed = fit(model, {backup, look});
  require_same_weights(restored, after_four_batches);
  CHECK(resumed->epoch == std::vector<int>{1, 2, 3, 4});
  CHECK(iterations(model) == 4 + 4 * 3);
}

TEST_CASE("delete_checkpoint = false leaves the backup, which a later fit resumes from",
          "[backup_and_restore]") {
  TempDir tmp;
  auto model = backup_mlp(initial_weights());
  callbacks::BackupAndRestore backup(tmp / "backup", {.delete_checkpoint = false});
  fit(model, {backup}, 2);
  CHECK(fs::exists(backup->weights_path()));
  CHECK(read_bytes(backup->training_metadata_path()) == R"({"epoch": 2, "batch": 0})");
  // Two epochs were done: a fit of 3 runs only the third.
  History more = fit(model, {backup}, 3);
  CHECK(more->epoch == std::vector<int>{2});
  CHECK(read_bytes(backup->training_metadata_path()) == R"({"epoch": 3, "batch": 0})");
}

TEST_CASE(
    "double_checkpoint keeps the previous backup and resumes from it when the latest is "
    "unreadable",
    "[backup_and_restore]") {
  auto reference = backup_mlp(initial_weights());
  fit(reference, {});
  TempDir tmp;
  const std::string dir = tmp / "backup";
  callbacks::BackupAndRestore backup(dir, {.double_checkpoint = true});
  {
    auto model = backup_mlp(initial_weights());
    REQUIRE_THROWS_AS(fit(model, {backup, interrupt_after(3)}), Interruption);
  }
  CHECK(fs::exists(backup->weights_path() + ".bkp"));
  CHECK(read_bytes(backup->training_metadata_path() + ".bkp") == R"({"epoch": 2, "batch": 0})");
  write_bytes(backup->weights_path(), "0");  // as Keras's test corrupts it
  auto model = backup_mlp(initial_weights());
  History resumed = fit(model, {backup});
  CHECK(resumed->epoch == std::vector<int>{2, 3, 4});
  require_same_weights(model->get_weights(), reference->get_weights());
}

TEST_CASE("BackupAndRestore refuses what cannot work, naming it", "[backup_and_restore]") {
  using Catch::Matchers::Contains;
  REQUIRE_THROWS_WITH(callbacks::BackupAndRestore(""), Contains("Empty `backup_dir`"));
  REQUIRE_THROWS_AS(callbacks::BackupAndRestore("d", {.save_freq = "batch"}), ValueError);
  REQUIRE_THROWS_AS(callbacks::BackupAndRestore("d", {.save_freq = 0}), ValueError);

  TempDir tmp;
  SECTION("an unbuilt model") {
    auto model = make_model<Sequential>(std::vector<SequentialEntry>{layers::Dense(2)});
    model.compile({.optimizer = "sgd", .loss = "mse"});
    callbacks::BackupAndRestore backup(tmp / "backup");
    backup->set_model(&model.get());
    REQUIRE_THROWS_WITH(backup->on_train_begin({}), Contains("must be built"));
  }
  SECTION("an unreadable backup and no previous one: IOError naming the file") {
    auto model = backup_mlp(initial_weights());
    callbacks::BackupAndRestore backup(tmp / "backup");
    fs::create_directories(tmp / "backup");
    write_bytes(backup->weights_path(), "0");
    REQUIRE_THROWS_AS(fit(model, {backup}), IOError);
    REQUIRE_THROWS_WITH(fit(model, {backup}), Contains("latest.weights.h5"));
  }
  SECTION("metadata that is not training metadata: ValueError naming the file") {
    auto model = backup_mlp(initial_weights());
    callbacks::BackupAndRestore backup(tmp / "backup");
    fs::create_directories(tmp / "backup");
    write_bytes(backup->training_metadata_path(), R"({"batch": 0})");
    REQUIRE_THROWS_WITH(fit(model, {backup}), Contains("training_metadata.json"));
  }
  SECTION("a backup_dir that is a file: IOError at the first save") {
    auto model = backup_mlp(initial_weights());
    write_bytes(tmp / "taken", "x");
    callbacks::BackupAndRestore backup(tmp / "taken");
    REQUIRE_THROWS_AS(fit(model, {backup}), IOError);
  }
}
