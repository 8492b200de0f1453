// The other direction of test_layer_files_keras.cpp: each layer family's model, loaded here
// from Keras's file, saved by us as .keras, legacy .h5 and to_json + .weights.h5, loads in
// Keras 3 (generate_layer_files.py --check) and predicts what we predicted. What it checks is
// the writers, not the backend: the suite on strict and reference skips it
// (scripts/run_tests.sh).
#include <fstream>

#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

std::string path_of(const nlohmann::json& family, const std::string& key) {
  return (testing::oracle_dir() / family.at(key).get<std::string>()).string();
}

}  // namespace

TEST_CASE("Keras 3 loads the layer files we save in each format and predicts as we do", "[keras]") {
  const auto manifest = testing::oracle::manifest("layer_files.json", "generate_layer_files.py");
  npy_test::TempDir tmp;
  nlohmann::json cases = nlohmann::json::array();
  std::vector<std::string> expected;
  for (const auto& [family, entry] : manifest.at("families").items()) {
    auto model = models::load_model(path_of(entry, "keras"));
    std::vector<Tensor> xs;
    for (const auto& f : entry.at("inputs"))
      xs.push_back(testing::oracle::npy(f.get<std::string>()));
    const auto ours = model.predict(Data(xs), {.verbose = 0}).values();
    nlohmann::json inputs = nlohmann::json::array(), outputs = nlohmann::json::array();
    for (const auto& f : entry.at("inputs"))
      inputs.push_back((testing::oracle_dir() / f.get<std::string>()).string());
    for (std::size_t k = 0; k < ours.size(); ++k) {
      const auto file = tmp.dir / (family + "_ours_out" + std::to_string(k) + ".npy");
      io::save_npy(file.string(), ours[k]);
      outputs.push_back(file.string());
    }
    for (const char* extension : {".keras", ".h5"}) {
      const auto file = tmp.dir / (family + "_ours" + extension);
      model->save(file.string());
      cases.push_back(
          {{"id", family}, {"file", file.string()}, {"inputs", inputs}, {"outputs", outputs}});
      expected.push_back(family + " " + file.filename().string() + " OK");
    }
    const auto json = tmp.dir / (family + "_ours.json");
    const auto weights = tmp.dir / (family + "_ours.weights.h5");
    std::ofstream(json) << model->to_json();
    model->save_weights(weights.string());
    cases.push_back({{"id", family},
                     {"json", json.string()},
                     {"weights", weights.string()},
                     {"inputs", inputs},
                     {"outputs", outputs}});
    expected.push_back(family + " " + weights.filename().string() + " OK");
  }
  std::ofstream(tmp.dir / "job.json") << nlohmann::json{{"cases", cases}}.dump(1);
  const auto run =
      testing::oracle::run_check("generate_layer_files.py", (tmp.dir / "job.json").string());
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : expected) CHECK(run.output.find(line) != std::string::npos);
}
