#include "io/layer_files_helpers.hpp"

#include <fstream>

#include "test_util.hpp"

using namespace keras;

namespace layer_files {

namespace {

std::string oracle_path(const nlohmann::json& file) {
  return (testing::oracle_dir() / file.get<std::string>()).string();
}

std::vector<Tensor> arrays(const nlohmann::json& files) {
  std::vector<Tensor> out;
  for (const auto& f : files) out.push_back(testing::oracle::npy(f.get<std::string>()));
  return out;
}

std::vector<Tensor> predict(ModelHandle<>& model, const std::vector<Tensor>& xs) {
  return model.predict(Data(xs), {.verbose = 0}).values();
}

void require_outputs(const std::vector<Tensor>& got, const std::vector<Tensor>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO("output " << k);
    testing::require_close(got[k], want[k], 1e-5, 1e-4);
  }
}

}  // namespace

void check_coverage(const nlohmann::json& manifest, const std::set<std::string>& missing) {
  std::set<std::string> in_files;
  for (const auto& [family, entry] : manifest.at("families").items())
    for (const auto& cls : entry.at("classes")) in_files.insert(cls.get<std::string>());
  std::set<std::string> exempt = {"InputLayer", "Functional", "Model", "Sequential",
                                  "ThresholdedReLU"};
  exempt.insert(missing.begin(), missing.end());
  for (const auto& entry : layers::layer_registry()) {
    if (exempt.count(entry.class_name)) continue;
    INFO(entry.class_name << " is in no layer file; the generator says: "
                          << manifest.at("uncovered").value(entry.class_name, "(no case)"));
    CHECK(in_files.count(entry.class_name) == 1);
  }
}

void check_loads(const nlohmann::json& manifest, const std::vector<std::string>& model_keys,
                 const std::string& weights_key) {
  for (const auto& [family, entry] : manifest.at("families").items()) {
    INFO("family " << family);
    const auto xs = arrays(entry.at("inputs"));
    const auto want = arrays(entry.at("outputs"));
    for (const auto& key : model_keys) {
      INFO(entry.at(key).get<std::string>());
      auto model = models::load_model(oracle_path(entry.at(key)));
      require_outputs(predict(model, xs), want);
    }
    INFO(entry.at(weights_key).get<std::string>());
    auto source = models::load_model(oracle_path(entry.at(model_keys.at(0))));
    auto rebuilt = models::model_from_json(source->to_json());
    rebuilt->load_weights(oracle_path(entry.at(weights_key)));
    require_outputs(predict(rebuilt, xs), want);
  }
}

void check_keras_loads_ours(const nlohmann::json& manifest, const std::string& source_key,
                            const std::vector<SavedAs>& saves, const std::string& weights_suffix,
                            const std::string& generator, testing::oracle::Keras which) {
  npy_test::TempDir tmp;
  nlohmann::json cases = nlohmann::json::array();
  std::vector<std::string> expected;
  for (const auto& [family, entry] : manifest.at("families").items()) {
    auto model = models::load_model(oracle_path(entry.at(source_key)));
    const auto ours = predict(model, arrays(entry.at("inputs")));
    nlohmann::json inputs = nlohmann::json::array(), outputs = nlohmann::json::array();
    for (const auto& f : entry.at("inputs")) inputs.push_back(oracle_path(f));
    for (std::size_t k = 0; k < ours.size(); ++k) {
      const auto file = tmp.dir / (family + "_ours_out" + std::to_string(k) + ".npy");
      io::save_npy(file.string(), ours[k]);
      outputs.push_back(file.string());
    }
    for (const auto& saved : saves) {
      if (saved.skip_families.count(family)) continue;
      const auto file = tmp.dir / (family + "_ours" + saved.suffix);
      saving::save_model(*model, file.string(), saved.options);
      cases.push_back(
          {{"id", family}, {"file", file.string()}, {"inputs", inputs}, {"outputs", outputs}});
      expected.push_back(family + " " + file.filename().string() + " OK");
    }
    if (weights_suffix.empty()) continue;
    const auto json = tmp.dir / (family + "_ours.json");
    const auto weights = tmp.dir / (family + "_ours" + weights_suffix);
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
  const auto run = testing::oracle::run_check(generator, (tmp.dir / "job.json").string(), which);
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& line : expected) CHECK(run.output.find(line) != std::string::npos);
}

}  // namespace layer_files
