// ModelCheckpoint (Keras 3 semantics): templated file names, every epoch / best only / every N
// batches, weights or whole model, Keras's errors.
#include <filesystem>
#include <set>

#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  fs::path d =
      fs::temp_directory_path() / ("keraspp_ckpt_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::set<std::string> files_in(const fs::path& d) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(d)) out.insert(e.path().filename().string());
  return out;
}

ModelHandle<Sequential> small_model() {
  auto model = make_model<Sequential>(
      std::vector<SequentialEntry>{Input({3}), layers::Dense(2, {.name = "d"})});
  model.compile({.optimizer = "sgd", .loss = "mse"});
  return model;
}

const Tensor kCheckpointX = testing::random_tensor({8, 3}, 1, -1, 1, DType::float32);
const Tensor kCheckpointY = testing::random_tensor({8, 2}, 2, -1, 1, DType::float32);

}  // namespace

TEST_CASE("ModelCheckpoint saves every epoch to a path filled from the epoch and the logs") {
  fs::path d = fresh_dir("epochs");
  auto model = small_model();
  callbacks::ModelCheckpoint ck((d / "ck-{epoch:02d}-{loss:.3f}.weights.h5").string(),
                                {.monitor = "loss", .save_weights_only = true});
  History h = model.fit(kCheckpointX, kCheckpointY,
                        {.batch_size = 4, .epochs = 3, .verbose = 0, .callbacks = {ck}});
  std::set<std::string> want;
  for (int e = 0; e < 3; ++e) {
    char name[64];
    std::snprintf(name, sizeof name, "ck-%02d-%.3f.weights.h5", e + 1,
                  h->history.at("loss")[e].item());
    want.insert(name);
  }
  CHECK(files_in(d) == want);
  // The last file holds the final weights.
  auto again = small_model();
  again.load_weights((d / *want.rbegin()).string());
  testing::require_close(again.predict(kCheckpointX, {.verbose = 0}).values()[0],
                         model.predict(kCheckpointX, {.verbose = 0}).values()[0], 0, 0);
  fs::remove_all(d);
}

TEST_CASE("ModelCheckpoint save_best_only saves only when the monitored value improves") {
  fs::path d = fresh_dir("best");
  auto model = small_model();
  const std::vector<double> score = {0.5, 0.4, 0.9};
  callbacks::LambdaCallback scripted({.on_epoch_end = [&](int epoch, callbacks::Logs& logs) {
    logs["score"] = score.at(static_cast<std::size_t>(epoch));
  }});
  callbacks::ModelCheckpoint ck((d / "best-{epoch}.keras").string(),
                                {.monitor = "score", .save_best_only = true, .mode = "max"});
  model.fit(kCheckpointX, kCheckpointY,
            {.batch_size = 4, .epochs = 3, .verbose = 0, .callbacks = {scripted, ck}});
  CHECK(files_in(d) == std::set<std::string>{"best-1.keras", "best-3.keras"});
  CHECK(ck->best == Approx(0.9));
  auto loaded = models::load_model((d / "best-3.keras").string());
  testing::require_close(loaded.predict(kCheckpointX, {.verbose = 0}).values()[0],
                         model.predict(kCheckpointX, {.verbose = 0}).values()[0], 0, 0);
  fs::remove_all(d);
}

TEST_CASE("ModelCheckpoint with an integer save_freq saves every N batches") {
  fs::path d = fresh_dir("batches");
  auto model = small_model();
  callbacks::ModelCheckpoint ck((d / "b-{epoch}-{batch}.weights.h5").string(),
                                {.save_weights_only = true, .save_freq = 2});
  model.fit(kCheckpointX, kCheckpointY,
            {.batch_size = 2, .epochs = 2, .verbose = 0, .callbacks = {ck}});
  CHECK(files_in(d) == std::set<std::string>{"b-1-2.weights.h5", "b-1-4.weights.h5",
                                             "b-2-2.weights.h5", "b-2-4.weights.h5"});
  fs::remove_all(d);
}

TEST_CASE("ModelCheckpoint refuses what Keras refuses") {
  CHECK_THROWS_WITH(callbacks::ModelCheckpoint("model.txt"),
                    Catch::Contains("must end in `.keras`"));
  CHECK_THROWS_WITH(callbacks::ModelCheckpoint("m.keras", {.save_weights_only = true}),
                    Catch::Contains("must end in `.weights.h5`"));
  CHECK_THROWS_WITH(callbacks::ModelCheckpoint("m.keras", {.save_freq = 0}),
                    Catch::Contains("Unrecognized save_freq"));
  fs::path d = fresh_dir("bad");
  auto model = small_model();
  callbacks::ModelCheckpoint ck((d / "{nope}.keras").string());
  CHECK_THROWS_WITH(model.fit(kCheckpointX, kCheckpointY, {.verbose = 0, .callbacks = {ck}}),
                    Catch::Contains("Failed to format this callback filepath"));
  fs::remove_all(d);
}
