#pragma once
// The job a generator's --check mode runs on whole-model files we wrote (shared by the Keras 3
// and tf-keras tests): each manifest case is loaded from the Keras-saved file `source_key`
// names, trained one epoch here so the state saved is ours, saved with Model::save under each
// extension, and its predictions and next-epoch history recorded for Keras to reproduce.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "io/npy_test_helpers.hpp"
#include "keras/saving/save_model.hpp"

namespace testing::oracle {

struct ModelFilesJob {
  nlohmann::json job;                 // {"cases": [...]}, written to job.json
  std::vector<std::string> expected;  // the "<id> <file> OK" lines the check must print
};

// Saved with saving::save_model(model, file, `options`).
ModelFilesJob model_files_job(const nlohmann::json& manifest, const std::string& source_key,
                              const std::vector<std::string>& extensions,
                              const npy_test::TempDir& tmp,
                              const keras::saving::SaveOptions& options = {});

}  // namespace testing::oracle
