// The other direction: real Keras 3 loads the .weights.h5 files save_weights writes and
// computes what we computed. Runs tests/keras_oracle/generate_weights.py --check with the
// project's Python (with Keras), which builds each case's model in Keras, load_weights(ours)
// and compares its predictions with ours.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/npy_test_helpers.hpp"
#include "io/weights_h5_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"

using namespace keras;
using namespace weights_test;
using npy_test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("Keras 3 loads the .weights.h5 files save_weights writes", "[weights_h5][keras]") {
  TempDir tmp;
  nlohmann::json job = {{"cases", nlohmann::json::array()}};
  for (const auto& id : case_ids()) {
    const auto all = weights_manifest();
    const auto& c = all.at("cases").at(id);
    auto model = build(id);
    model->load_weights(oracle_path(c.at("file").get<std::string>()));
    perturb(*model);
    const std::string weights = tmp / (id + ".weights.h5");
    model->save_weights(weights);
    nlohmann::json entry = {{"id", id},
                            {"weights", weights},
                            {"inputs", nlohmann::json::array()},
                            {"outputs", nlohmann::json::array()}};
    for (const auto& f : c.at("inputs"))
      entry["inputs"].push_back(oracle_path(f.get<std::string>()));
    const auto outputs = predict(*model, arrays(c.at("inputs")));
    for (std::size_t i = 0; i < outputs.size(); ++i) {
      const std::string out = tmp / (id + "_ours" + std::to_string(i) + ".npy");
      io::save_npy(out, outputs[i]);
      entry["outputs"].push_back(out);
    }
    job["cases"].push_back(entry);
  }
  std::ofstream(tmp / "job.json") << job.dump(1);
  const auto run = testing::oracle::run_check("generate_weights.py", tmp / "job.json");
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  const std::string& output = run.output;
  for (const auto& id : case_ids()) CHECK(output.find(id + " OK") != std::string::npos);
}
