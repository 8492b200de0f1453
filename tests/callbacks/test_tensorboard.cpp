// The TensorBoard callback's event files, read back by TensorBoard itself
// (tests/keras_oracle/check_tensorboard.py runs PyPI tensorboard's EventAccumulator): every
// scalar fit logged, under Keras's tags and steps, in the train and validation runs.
#include <filesystem>
#include <fstream>
#include <keras/callbacks/tensorboard.hpp>
#include <keras/models/sequential.hpp>
#include <keras/optimizers/adam.hpp>

#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "src/callbacks/event_file_writer.hpp"
#include "test_util.hpp"

using namespace keras;
using callbacks::Logs;

namespace {

// Records the logs TensorBoard sees at each training batch end.
class BatchRecorder : public callbacks::Callback {
 public:
  std::vector<Logs> batches;
  void on_train_batch_end(std::int64_t, const Logs& logs) override { batches.push_back(logs); }
};

}  // namespace

TEST_CASE("TFRecord framing uses CRC-32C as TensorFlow does", "[callbacks]") {
  // The standard check value of CRC-32C (Castagnoli).
  CHECK(callbacks::detail::crc32c("123456789") == 0xE3069283u);
  CHECK(callbacks::detail::crc32c("") == 0u);
}

TEST_CASE("TensorBoard writes event files TensorBoard reads, with Keras's tags and steps",
          "[callbacks][keras]") {
  npy_test::TempDir tmp;
  utils::set_random_seed(1);
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{
      Input({3}), layers::Dense(4, {.activation = "relu"}), layers::Dense(1)});
  model.compile(
      {.optimizer = optimizers::Adam({.learning_rate = 0.01}), .loss = "mse", .metrics = {"mae"}});
  const Tensor x = testing::random_tensor({16, 3}, 2), y = testing::random_tensor({16, 1}, 3);
  const auto log_dir = (tmp.dir / "logs").string();
  callbacks::TensorBoard board({.log_dir = log_dir, .update_freq = 2});
  auto recorder = make_handle<BatchRecorder>();
  History h = model.fit(x, y,
                        {.batch_size = 4,
                         .epochs = 3,
                         .verbose = 0,
                         .callbacks = {recorder, board},
                         .validation_split = 0.25,
                         .shuffle = false});

  nlohmann::json train = nlohmann::json::object(), validation = nlohmann::json::object();
  // Epoch scalars at step = epoch, the validation ones without their val_ prefix.
  for (const auto& [name, values] : h->history)
    for (std::size_t e = 0; e < values.size(); ++e) {
      const bool val = name.rfind("val_", 0) == 0;
      (val ? validation : train)["epoch_" + (val ? name.substr(4) : name)].push_back(
          {e, values[e].item()});
    }
  for (int e = 0; e < 3; ++e) train["epoch_learning_rate"].push_back({e, 0.01f});
  // Batch scalars every 2nd of the 9 global batches (3 per epoch).
  REQUIRE(recorder->batches.size() == 9);
  for (std::size_t b = 2; b <= 9; b += 2)
    for (const auto& [name, value] : recorder->batches[b - 1])
      train["batch_" + name].push_back({b, value.item()});
  // Each validation pass at the optimizer's step after the epoch.
  for (int e = 0; e < 3; ++e)
    for (const char* name : {"loss", "mae"})
      validation[std::string("evaluation_") + name + "_vs_iterations"].push_back(
          {3 * (e + 1),
           h->history.at(std::string("val_") + name)[static_cast<std::size_t>(e)].item()});

  const nlohmann::json job{{"log_dir", log_dir},
                           {"runs", {{"train", train}, {"validation", validation}}}};
  std::ofstream(tmp.dir / "job.json") << job.dump(1);
  const auto run = testing::oracle::run_check(
      "check_tensorboard.py", (tmp.dir / "job.json").string(), testing::oracle::Keras::keras3);
  INFO("TensorBoard's reader:\n" << run.output);
  CHECK(run.status == 0);
  CHECK(run.output.find("train OK") != std::string::npos);
  CHECK(run.output.find("validation OK") != std::string::npos);
}

TEST_CASE("TensorBoard refuses what it does not write, and bad update_freq values",
          "[callbacks][errors]") {
  REQUIRE_THROWS_AS(callbacks::TensorBoard({.histogram_freq = 1}), NotImplementedError);
  REQUIRE_THROWS_AS(callbacks::TensorBoard({.write_images = true}), NotImplementedError);
  REQUIRE_THROWS_WITH(callbacks::TensorBoard({.update_freq = "sometimes"}),
                      Catch::Contains("Unrecognized update_freq: sometimes"));
  REQUIRE_THROWS_AS(callbacks::TensorBoard({.update_freq = 0}), ValueError);
}
