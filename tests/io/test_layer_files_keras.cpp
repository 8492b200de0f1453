// Every built-in layer through every Keras 3 file format (layer_files.json, from
// tests/keras_oracle/generate_layer_files.py): per layer family, a model with a branch per
// layer class, saved by Keras 3 as .keras, legacy .h5 and .weights.h5, loads here from each and
// predicts what Keras predicted. (The other direction: test_layer_files_keras_check.cpp.)
#include "io/layer_files_helpers.hpp"
#include "test_util.hpp"

namespace {
nlohmann::json layer_files_manifest() {
  return testing::oracle::manifest("layer_files.json", "generate_layer_files.py");
}
}  // namespace

TEST_CASE("every registered layer is in a Keras-saved layer file", "[keras]") {
  layer_files::check_coverage(layer_files_manifest());
}

TEST_CASE("layer files saved by Keras 3 (.keras, .h5, .weights.h5) predict here as in Keras",
          "[keras]") {
  layer_files::check_loads(layer_files_manifest(), {"keras", "h5"}, "weights");
}
