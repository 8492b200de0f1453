// The other direction of test_tf_keras_layer_files.cpp: each layer family's model, loaded here
// from tf-keras's .h5, saved by us as .h5, loads in tf-keras 2 (generate_tf_keras_layer_files.py
// --check) and gives what we computed. (Only .h5: to_json is Keras 3's JSON and save_weights
// writes Keras 3's .weights.h5, as Keras 3 does; neither is a tf-keras format.) It checks the
// writers, not the backend: the suite on strict and reference skips it (scripts/run_tests.sh).
#include "io/layer_files_helpers.hpp"
#include "test_util.hpp"

TEST_CASE("tf-keras 2 loads the layer files we save and computes what we do", "[keras]") {
  using keras::saving::LegacyH5Reader;
  layer_files::check_keras_loads_ours(
      testing::oracle::manifest("tf_keras_layer_files.json", "generate_tf_keras_layer_files.py"),
      "h5",
      {// The .h5 written for Keras 3 (the default) loads in tf-keras too, but for
       // MultiHeadAttention(query, value): no .h5 call node serves both Kerases. tf-keras reads
       // only [[query, 0, 0, {"value": [value, 0, 0]}]], whose keyword arguments Keras 3's
       // legacy loader passes on as plain lists (the layer then fails); Keras 3 reads its
       // {"args": [query, value]}, which tf-keras cannot. (Keras 3 loads ours:
       // test_layer_files_keras_check.cpp.)
       {".h5", {}, {"attention_MultiHeadAttention"}},
       // Every family, MultiHeadAttention's included, written for tf-keras.
       {"_for_tf_keras.h5", {.legacy_h5_reader = LegacyH5Reader::tf_keras_2}}},
      "", "generate_tf_keras_layer_files.py", testing::oracle::Keras::tf_keras);
}
