// The other direction for whole models: real Keras 3 loads the .keras and .h5 files Model::save
// writes, predicts what we predicted, and continues fit from our optimizer state with the
// next-epoch loss and metrics we computed. Each case starts from a Keras-saved model
// (keras_files.json), trains one epoch here so the state saved is ours, and is checked by
// tests/keras_oracle/generate_keras_files.py --check.
#include <filesystem>
#include <fstream>

#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"

using namespace keras;
using npy_test::TempDir;

TEST_CASE("Keras 3 loads the .keras and .h5 models Model::save writes and trains on as we do",
          "[keras]") {
  auto manifest = testing::oracle::manifest("keras_files.json", "generate_keras_files.py");
  TempDir tmp;
  nlohmann::json job = {{"cases", nlohmann::json::array()}};
  std::vector<std::string> expected;
  for (const auto& [id, c] : manifest.at("cases").items()) {
    INFO("case " << id);
    auto model =
        models::load_model((testing::oracle_dir() / c.at("file").get<std::string>()).string());
    Tensor x = testing::oracle::npy(c.at("x").get<std::string>());
    Tensor y = testing::oracle::npy(c.at("y").get<std::string>());
    const FitOptions fit{.batch_size = c.at("batch_size").get<std::int64_t>(),
                         .epochs = 1,
                         .verbose = 0,
                         .shuffle = false};
    model.fit(x, y, fit);
    std::vector<std::string> files;
    for (const char* ext : {".keras", ".h5"}) {
      files.push_back(tmp / (id + "_ours" + ext));
      model->save(files.back());
    }
    io::save_npy(tmp / (id + "_x.npy"), x);
    io::save_npy(tmp / (id + "_y.npy"), y);
    io::save_npy(tmp / (id + "_predictions.npy"), model.predict(x, {.verbose = 0}).values()[0]);
    History next = model.fit(x, y, fit);
    nlohmann::json next_epoch = nlohmann::json::object();
    for (const auto& [key, values] : next->history) next_epoch[key] = values.at(0);
    for (const auto& file : files) {
      job["cases"].push_back({{"id", id},
                              {"file", file},
                              {"x", tmp / (id + "_x.npy")},
                              {"y", tmp / (id + "_y.npy")},
                              {"predictions", tmp / (id + "_predictions.npy")},
                              {"batch_size", *fit.batch_size},
                              {"next_epoch", next_epoch}});
      expected.push_back(id + " " + std::filesystem::path(file).filename().string() + " OK");
    }
  }
  std::ofstream(tmp / "job.json") << job.dump(1);
  const auto run = testing::oracle::run_check("generate_keras_files.py", tmp / "job.json");
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : expected) CHECK(run.output.find(line) != std::string::npos);
}
