// Every built-in layer through every Keras 3 file format, both ways (layer_files.json, from
// tests/keras_oracle/generate_layer_files.py): per layer family, a model with a branch per layer
// class, saved by Keras 3 as .keras, legacy .h5 and .weights.h5, loads here from each and
// predicts what Keras predicted. (The other direction: test_layer_files_keras_check.cpp.)
#include <set>

#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

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

std::string path_of(const nlohmann::json& family, const std::string& key) {
  return (testing::oracle_dir() / family.at(key).get<std::string>()).string();
}

}  // namespace

TEST_CASE("every registered layer is in a Keras-saved layer file", "[keras]") {
  const auto manifest = testing::oracle::manifest("layer_files.json", "generate_layer_files.py");
  std::set<std::string> in_files;
  for (const auto& [family, entry] : manifest.at("families").items())
    for (const auto& cls : entry.at("classes")) in_files.insert(cls.get<std::string>());
  // Models have their own file tests; ThresholdedReLU is Keras 2's (not in Keras 3).
  const std::set<std::string> exempt = {"InputLayer", "Functional", "Model", "Sequential",
                                        "ThresholdedReLU"};
  for (const auto& entry : layers::layer_registry()) {
    if (exempt.count(entry.class_name)) continue;
    INFO(entry.class_name << " is in no family model of generate_layer_files.py; why: "
                          << manifest.at("uncovered").value(entry.class_name, "(no case)"));
    CHECK(in_files.count(entry.class_name) == 1);
  }
}

TEST_CASE("layer files saved by Keras 3 (.keras, .h5, .weights.h5) predict here as in Keras",
          "[keras]") {
  const auto manifest = testing::oracle::manifest("layer_files.json", "generate_layer_files.py");
  for (const auto& [family, entry] : manifest.at("families").items()) {
    INFO("family " << family);
    const auto xs = arrays(entry.at("inputs"));
    const auto want = arrays(entry.at("outputs"));
    for (const char* key : {"keras", "h5"}) {
      INFO(entry.at(key).get<std::string>());
      auto model = models::load_model(path_of(entry, key));
      require_outputs(predict(model, xs), want);
    }
    // The weights file into the same architecture, rebuilt from its config.
    INFO(entry.at("weights").get<std::string>());
    auto from_keras = models::load_model(path_of(entry, "keras"));
    auto rebuilt = models::model_from_json(from_keras->to_json());
    rebuilt->load_weights(path_of(entry, "weights"));
    require_outputs(predict(rebuilt, xs), want);
  }
}
