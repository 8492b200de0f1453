// Every built-in layer that tf-keras 2 has, through its legacy files (tf_keras_layer_files.json,
// from tests/keras_oracle/generate_tf_keras_layer_files.py): per layer family, a model with a
// branch per layer class, saved by tf-keras as .h5 and as save_weights .h5, loads here from
// both and predicts what tf-keras predicted. (The other direction:
// test_tf_keras_layer_files_check.cpp.)
#include "io/layer_files_helpers.hpp"
#include "test_util.hpp"

namespace {
nlohmann::json manifest() {
  return testing::oracle::manifest("tf_keras_layer_files.json", "generate_tf_keras_layer_files.py");
}
}  // namespace

TEST_CASE("every registered layer tf-keras has is in a tf-keras-saved layer file", "[keras]") {
  // GroupQueryAttention came with Keras 3.
  layer_files::check_coverage(manifest(), {"GroupQueryAttention"});
}

TEST_CASE("layer files saved by tf-keras 2 (.h5, weights .h5) predict here as in tf-keras",
          "[keras]") {
  layer_files::check_loads(manifest(), {"h5"}, "weights");
}
