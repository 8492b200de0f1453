#pragma once
// The layer-file round trips shared by the Keras 3 and tf-keras tests (manifests from
// tests/keras_oracle/layer_files_common.py): per layer family, a model with a branch per layer
// class, in the files that Keras saved.
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "io/npy_test_helpers.hpp"
#include "keras/saving/save_model.hpp"
#include "keras_oracle/oracle.hpp"

namespace layer_files {

// Every registered layer class is in some family's file, but models, Keras 2's ThresholdedReLU
// and `missing` (classes this Keras does not have).
void check_coverage(const nlohmann::json& manifest, const std::set<std::string>& missing = {});

// Each family loads from each whole-model file (`model_keys` of its manifest entry) and from its
// weights file (`weights_key`) into the architecture rebuilt from to_json, and reproduces the
// outputs Keras computed.
void check_loads(const nlohmann::json& manifest, const std::vector<std::string>& model_keys,
                 const std::string& weights_key);

// One way our files are saved for the other direction: as "<family>_ours<suffix>" with
// saving::save_model(model, file, `options`), for every family but `skip_families`.
struct SavedAs {
  std::string suffix;
  keras::saving::SaveOptions options = {};
  std::set<std::string> skip_families = {};
};

// The other direction: each family, loaded from Keras's `source_key` file, saved here in each
// of `saves` and (unless `weights_suffix` is empty) as to_json + a weights file named
// `<family>_ours<weights_suffix>`, with our outputs; `generator --check` (of `which` Keras) must
// load each and print "<family> <file> OK".
void check_keras_loads_ours(const nlohmann::json& manifest, const std::string& source_key,
                            const std::vector<SavedAs>& saves, const std::string& weights_suffix,
                            const std::string& generator, testing::oracle::Keras which);

}  // namespace layer_files
