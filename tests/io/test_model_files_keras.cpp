// The other direction for whole models: real Keras 3 loads the .keras and .h5 files Model::save
// writes, predicts what we predicted, and continues fit from our optimizer state with the
// next-epoch loss and metrics we computed. Each case starts from a Keras-saved model
// (keras_files.json), trains one epoch here so the state saved is ours, and is checked by
// tests/keras_oracle/generate_keras_files.py --check.
#include <fstream>

#include "keras_oracle/model_files_check.hpp"
#include "keras_oracle/oracle.hpp"

TEST_CASE("Keras 3 loads the .keras and .h5 models Model::save writes and trains on as we do",
          "[keras]") {
  auto manifest = testing::oracle::manifest("keras_files.json", "generate_keras_files.py");
  npy_test::TempDir tmp;
  const auto job = testing::oracle::model_files_job(manifest, "file", {".keras", ".h5"}, tmp);
  std::ofstream(tmp / "job.json") << job.job.dump(1);
  const auto run = testing::oracle::run_check("generate_keras_files.py", tmp / "job.json");
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : job.expected) CHECK(run.output.find(line) != std::string::npos);
}
