// The other direction: real Keras 3 loads the .weights.h5 files save_weights writes and
// computes what we computed. Runs tests/keras_oracle/generate_weights.py --check with the
// project's Python (with Keras), which builds each case's model in Keras, load_weights(ours)
// and compares its predictions with ours.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "io/npy_test_helpers.hpp"
#include "io/weights_h5_test_helpers.hpp"

using namespace keras;
using namespace weights_test;
using npy_test::TempDir;
namespace fs = std::filesystem;

namespace {

// Keras is found through $KERASPP_PYTHON or the project's venv (build/venv). Without one this
// test fails rather than passes silently; deselect it with "~[keras]".
std::string keras_python() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("KERASPP_PYTHON")) candidates.push_back(env);
  candidates.push_back((fs::path(KERASPP_SOURCE_DIR) / "build/venv/bin/python").string());
  for (const auto& py : candidates) {
    if (!fs::exists(py)) continue;
    // Keras picks its backend when imported; the venv has JAX, not TensorFlow (its default).
    const std::string probe = "KERAS_BACKEND=jax JAX_PLATFORMS=cpu \"" + py +
                              "\" -c \"import keras, h5py\" > /dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return py;
  }
  return "";
}

}  // namespace

TEST_CASE("Keras 3 loads the .weights.h5 files save_weights writes", "[weights_h5][keras]") {
  const std::string python = keras_python();
  if (python.empty())
    FAIL(
        "no Python with Keras found (set KERASPP_PYTHON or create build/venv with "
        "scripts/run_tests.sh); run with \"~[keras]\" to deselect");
  TempDir tmp;
  nlohmann::json job = {{"cases", nlohmann::json::array()}};
  for (const auto& id : case_ids()) {
    const auto all = manifest();
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
  const std::string script =
      (fs::path(KERASPP_SOURCE_DIR) / "tests/keras_oracle/generate_weights.py").string();
  const std::string log = tmp / "check.log";
  const std::string cmd = "\"" + python + "\" \"" + script + "\" --check \"" + (tmp / "job.json") +
                          "\" > \"" + log + "\" 2>&1";
  const int status = std::system(cmd.c_str());
  const std::string output = npy_test::read_bytes(log);
  INFO(python << " output:\n" << output);
  CHECK(status == 0);
  for (const auto& id : case_ids()) CHECK(output.find(id + " OK") != std::string::npos);
}
