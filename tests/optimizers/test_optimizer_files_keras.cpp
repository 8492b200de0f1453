// The other direction for the new optimizers' state: Keras 3 loads the .keras files we write
// with Nadam, Adafactor, a MultiOptimizer and LossScaleOptimizer(Lion) after training here
// (Muon's and ScheduleFreeAdamW's files are only read here: see the generator), predicts what we
// predicted and trains on from our optimizer state with the next-epoch loss we computed
// (tests/keras_oracle/generate_optimizers.py --check).
#include <fstream>

#include <keras/io/npy.hpp>

#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

TEST_CASE("Keras 3 loads our .keras files with the new optimizers' state and trains on as we do",
          "[keras][optimizers]") {
  auto manifest = testing::oracle::manifest("optimizers.json", "generate_optimizers.py");
  npy_test::TempDir tmp;
  nlohmann::json job = {{"cases", nlohmann::json::array()}};
  std::vector<std::string> expected;
  for (const auto& f : manifest.at("files")) {
    if (!f.value("keras_check", true)) continue;  // see NOT_CHECKED_BY_KERAS in the generator
    const std::string source = f.at("file").get<std::string>();
    const std::string id = source.substr(0, source.size() - 6);  // without ".keras"
    const auto x_path = testing::oracle_dir() / f.at("x").get<std::string>();
    const auto y_path = testing::oracle_dir() / f.at("y").get<std::string>();
    Tensor x = testing::oracle::npy(f.at("x").get<std::string>());
    Tensor y = testing::oracle::npy(f.at("y").get<std::string>());
    auto model = models::load_model((testing::oracle_dir() / source).string());
    // One epoch here, so the optimizer state saved is ours.
    model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
    const auto file = tmp.dir / ("ours_" + source);
    model->save(file.string());
    const auto predictions = tmp.dir / (id + "_predictions.npy");
    io::save_npy(predictions.string(), model.predict(x, {.verbose = 0}).values()[0]);
    History next = model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
    job["cases"].push_back({{"id", id},
                            {"file", file.string()},
                            {"x", x_path.string()},
                            {"y", y_path.string()},
                            {"predictions", predictions.string()},
                            {"batch_size", 4},
                            {"next_epoch", {{"loss", next->history.at("loss")[0].item()}}}});
    expected.push_back(id + " " + file.filename().string() + " OK");
  }
  REQUIRE(expected.size() >= 4);
  std::ofstream(tmp.dir / "job.json") << job.dump(1);
  const auto run = testing::oracle::run_check("generate_optimizers.py", tmp.dir / "job.json");
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : expected) CHECK(run.output.find(line) != std::string::npos);
}
