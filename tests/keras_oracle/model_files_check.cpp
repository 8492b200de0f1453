#include "keras_oracle/model_files_check.hpp"

#include <filesystem>

#include "keras_oracle/oracle.hpp"

namespace testing::oracle {

using namespace keras;

ModelFilesJob model_files_job(const nlohmann::json& manifest, const std::string& source_key,
                              const std::vector<std::string>& extensions,
                              const npy_test::TempDir& tmp,
                              const keras::saving::SaveOptions& options) {
  ModelFilesJob out{{{"cases", nlohmann::json::array()}}, {}};
  for (const auto& [id, c] : manifest.at("cases").items()) {
    INFO("case " << id);
    auto model = models::load_model((oracle_dir() / c.at(source_key).get<std::string>()).string());
    Tensor x = npy(c.at("x").get<std::string>());
    Tensor y = npy(c.at("y").get<std::string>());
    const FitOptions fit{.batch_size = c.at("batch_size").get<std::int64_t>(),
                         .epochs = 1,
                         .verbose = 0,
                         .shuffle = false};
    model.fit(x, y, fit);
    std::vector<std::string> files;
    for (const auto& ext : extensions) {
      files.push_back(tmp / (id + "_ours" + ext));
      saving::save_model(*model, files.back(), options);
    }
    io::save_npy(tmp / (id + "_x.npy"), x);
    io::save_npy(tmp / (id + "_y.npy"), y);
    io::save_npy(tmp / (id + "_predictions.npy"), model.predict(x, {.verbose = 0}).values()[0]);
    nlohmann::json evaluate = nlohmann::json::object();
    const Evaluation evaluation =
        model.evaluate(x, y, {.batch_size = fit.batch_size, .verbose = 0});
    for (std::size_t i = 0; i < evaluation.size(); ++i)
      evaluate[evaluation.names()[i]] = evaluation[i];
    History next = model.fit(x, y, fit);
    nlohmann::json next_epoch = nlohmann::json::object();
    for (const auto& [key, values] : next->history) next_epoch[key] = values.at(0).item();
    for (const auto& file : files) {
      out.job["cases"].push_back({{"id", id},
                                  {"file", file},
                                  {"x", tmp / (id + "_x.npy")},
                                  {"y", tmp / (id + "_y.npy")},
                                  {"predictions", tmp / (id + "_predictions.npy")},
                                  {"batch_size", *fit.batch_size},
                                  {"evaluate", evaluate},
                                  {"next_epoch", next_epoch}});
      out.expected.push_back(id + " " + std::filesystem::path(file).filename().string() + " OK");
    }
  }
  return out;
}

}  // namespace testing::oracle
