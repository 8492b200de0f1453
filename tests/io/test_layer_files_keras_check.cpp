// The other direction of test_layer_files_keras.cpp: each layer family's model, loaded here
// from Keras's file, saved by us as .keras, legacy .h5 and to_json + .weights.h5, loads in
// Keras 3 (generate_layer_files.py --check) and gives what we computed. It checks the writers,
// not the backend: the suite on strict and reference skips it (scripts/run_tests.sh).
#include "io/layer_files_helpers.hpp"
#include "test_util.hpp"

TEST_CASE("Keras 3 loads the layer files we save in each format and computes what we do",
          "[keras]") {
  layer_files::check_keras_loads_ours(
      testing::oracle::manifest("layer_files.json", "generate_layer_files.py"), "keras",
      {{".keras"}, {".h5"}}, ".weights.h5", "generate_layer_files.py",
      testing::oracle::Keras::keras3);
}
