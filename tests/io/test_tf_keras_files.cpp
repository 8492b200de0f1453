// Legacy .h5 files both ways with tf-keras 2 (TensorFlow's Keras 2, tests/keras_oracle/
// generate_tf_keras_files.py): a model tf-keras saved loads here, predicts what tf-keras
// predicted and, its optimizer state mapped from tf-keras's layout onto ours, trains on with
// the loss tf-keras had for the next epoch; its save_weights file loads too; and tf-keras loads
// the .h5 files Model::save writes and reproduces our predict, and those saved for it
// (LegacyH5Reader::tf_keras_2) with our optimizer state, so that it trains on with our
// next-epoch loss.
#include <fstream>

#include "keras_oracle/model_files_check.hpp"
#include "keras_oracle/oracle.hpp"

using namespace keras;

namespace {

nlohmann::json tf_keras_manifest() {
  return testing::oracle::manifest("tf_keras_files.json", "generate_tf_keras_files.py");
}

Tensor oracle_array(const nlohmann::json& c, const char* key) {
  return testing::oracle::npy(c.at(key).get<std::string>());
}

std::string oracle_file(const nlohmann::json& c, const char* key) {
  return (testing::oracle_dir() / c.at(key).get<std::string>()).string();
}

FitOptions one_epoch(const nlohmann::json& c) {
  return {.batch_size = c.at("batch_size").get<std::int64_t>(),
          .epochs = 1,
          .verbose = 0,
          .shuffle = false};
}

}  // namespace

TEST_CASE("a legacy .h5 model saved by tf-keras 2 predicts and trains on as in tf-keras") {
  const auto manifest = tf_keras_manifest();
  REQUIRE(manifest.at("cases").size() >= 3);
  for (const auto& [id, c] : manifest.at("cases").items()) {
    INFO("case " << id);
    auto model = models::load_model(oracle_file(c, "file"));
    REQUIRE(model->compiled());
    Tensor x = oracle_array(c, "x");
    testing::require_close(model.predict(x, {.verbose = 0}).values()[0],
                           oracle_array(c, "predictions"), 1e-5, 1e-4);
    // tf-keras's iteration count came along: a fresh optimizer would have restarted at 0.
    CHECK(model->optimizer()->iterations().value().item<std::int64_t>() == 6);
    History h = model.fit(x, oracle_array(c, "y"), one_epoch(c));
    for (const auto& [key, value] : c.at("next_epoch").items()) {
      INFO("next-epoch " << key);
      REQUIRE(h->history.count(key) == 1);
      CHECK(testing::is_close(h->history.at(key)[0], value.get<double>(), 1e-5, 1e-4));
    }
  }
}

TEST_CASE("weights tf-keras 2 saved with save_weights (.h5) load into the model") {
  const auto manifest = tf_keras_manifest();
  for (const auto& [id, c] : manifest.at("cases").items()) {
    INFO("case " << id);
    auto model = models::load_model(oracle_file(c, "file"));
    Tensor x = oracle_array(c, "x");
    Tensor want = oracle_array(c, "predictions");
    // Move the weights away first, so that only load_weights can bring the predictions back.
    model.fit(x, oracle_array(c, "y"), one_epoch(c));
    REQUIRE_FALSE(
        testing::mismatch(model.predict(x, {.verbose = 0}).values()[0].to_vector<double>(),
                          want.to_vector<double>())
            .empty());
    model->load_weights(oracle_file(c, "weights"));
    testing::require_close(model.predict(x, {.verbose = 0}).values()[0], want, 1e-5, 1e-4);
  }
}

TEST_CASE("tf-keras 2 loads the .h5 models Model::save writes and trains on as we do", "[keras]") {
  npy_test::TempDir tmp;
  const auto job = testing::oracle::model_files_job(tf_keras_manifest(), "file", {".h5"}, tmp);
  std::ofstream(tmp / "job.json") << job.job.dump(1);
  const auto run = testing::oracle::run_check("generate_tf_keras_files.py", tmp / "job.json",
                                              testing::oracle::Keras::tf_keras);
  INFO("tf-keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : job.expected) CHECK(run.output.find(line) != std::string::npos);
}

TEST_CASE("tf-keras 2 continues fit from our optimizer state in the .h5 saved for it", "[keras]") {
  npy_test::TempDir tmp;
  auto job =
      testing::oracle::model_files_job(tf_keras_manifest(), "file", {".h5"}, tmp,
                                       {.legacy_h5_reader = saving::LegacyH5Reader::tf_keras_2});
  // And with the metrics compile resolved, as tf-keras writes them, so they are compared too.
  job.job["optimizer_state"] = true;
  job.job["metrics"] = true;
  std::ofstream(tmp / "job.json") << job.job.dump(1);
  const auto run = testing::oracle::run_check("generate_tf_keras_files.py", tmp / "job.json",
                                              testing::oracle::Keras::tf_keras);
  INFO("tf-keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : job.expected) CHECK(run.output.find(line) != std::string::npos);
}
