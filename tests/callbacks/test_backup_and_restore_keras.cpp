// BackupAndRestore against live Keras 3 (tests/keras_oracle/generate_backup.py): the same model,
// data and interruption give the backup Keras wrote (same files, layout and values) and the
// resumed run Keras ran; fit_with_callbacks resumes from Keras's backup, and Keras resumes from
// ours.
#include <fstream>

#include "callbacks/backup_helpers.hpp"
#include "io/weights_h5_test_helpers.hpp"

using namespace keras;
using namespace backup_test;

namespace {

// History's values as plain numbers (every metric here logs one), for the JSON job file.
std::map<std::string, std::vector<double>> numbers(
    const std::map<std::string, std::vector<LogValue>>& history) {
  std::map<std::string, std::vector<double>> out;
  for (const auto& [key, values] : history)
    for (const auto& v : values) out[key].push_back(v.item());
  return out;
}

nlohmann::json backup_manifest() {
  return testing::oracle::manifest("backup.json", "generate_backup.py");
}

std::vector<Tensor> arrays(const nlohmann::json& files) {
  std::vector<Tensor> out;
  for (const auto& f : files) out.push_back(testing::oracle::npy(f.get<std::string>()));
  return out;
}

std::string oracle_path(const nlohmann::json& file) {
  return (testing::oracle_dir() / file.get<std::string>()).string();
}

ModelHandle<Sequential> initial_model() {
  return backup_mlp(arrays(backup_manifest().at("initial_weights")));
}

callbacks::BackupAndRestore backup_for(const nlohmann::json& c, const std::string& dir) {
  if (c.at("save_freq").is_string()) return callbacks::BackupAndRestore(dir);
  return callbacks::BackupAndRestore(dir, {.save_freq = c.at("save_freq").get<int>()});
}

callbacks::LambdaCallback interrupt_for(const nlohmann::json& c) {
  const auto& i = c.at("interrupt");
  if (i.contains("epochs")) return interrupt_after(i.at("epochs").get<int>());
  return interrupt_after(std::nullopt, i.at("batches").get<int>());
}

History fit_with_callbacks(ModelHandle<Sequential>& model, std::vector<callbacks::Spec> cbs) {
  const auto m = backup_manifest();
  return model.fit(testing::oracle::npy(m.at("x").get<std::string>()),
                   testing::oracle::npy(m.at("y").get<std::string>()),
                   {.batch_size = m.at("batch_size").get<std::int64_t>(),
                    .epochs = m.at("epochs").get<int>(),
                    .verbose = 0,
                    .callbacks = std::move(cbs),
                    .shuffle = false});
}

void check_history(const History& got, const nlohmann::json& want) {
  for (const auto& [key, values] : want.items()) {
    INFO("history " << key);
    REQUIRE(got->history.count(key) == 1);
    const auto& ours = got->history.at(key);
    REQUIRE(ours.size() == values.size());
    for (std::size_t e = 0; e < ours.size(); ++e)
      CHECK(testing::is_close(ours[e], values[e].get<double>()));
  }
}

void check_weights(const std::vector<Tensor>& got, const std::vector<Tensor>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) testing::require_close(got[i], want[i]);
}

// The weights and optimizer variables a backup file holds, read into a model of the case.
std::vector<Tensor> state_in(const std::string& weights_file) {
  auto model = initial_model();
  model->optimizer()->build(model->trainable_variables());
  model.load_weights(weights_file);
  std::vector<Tensor> out = model->get_weights();
  for (const auto& v : model->optimizer()->variables())
    out.push_back(ops::cast(v.value(), "float32"));
  return out;
}

// Our iteration counter is int64 where Keras on JAX stores int32; each reads the other's.
std::vector<std::string> layout_as_keras(const std::string& file) {
  auto lines = weights_test::layout_of(file);
  for (auto& line : lines)
    if (line == "/optimizer/vars/0 dataset () int64") line = "/optimizer/vars/0 dataset () int32";
  return lines;
}

}  // namespace

TEST_CASE("an interrupted and resumed fit writes Keras's backup and reruns Keras's epochs",
          "[backup_and_restore]") {
  // (The manifest is kept in a variable: a range-for over a temporary's items() dangles.)
  const auto all = backup_manifest();
  for (const auto& [id, c] : all.at("cases").items()) {
    INFO("case " << id);
    TempDir tmp;
    auto model = initial_model();
    auto backup = backup_for(c, tmp / "backup");
    REQUIRE_THROWS_AS(fit_with_callbacks(model, {backup, interrupt_for(c)}), Interruption);

    const auto& keras_backup = c.at("backup");
    CHECK(nlohmann::json::parse(read_bytes(backup->training_metadata_path())) ==
          keras_backup.at("metadata"));
    const std::string keras_weights = oracle_path(keras_backup.at("weights"));
    CHECK(layout_as_keras(backup->weights_path()) == weights_test::layout_of(keras_weights));
    check_weights(state_in(backup->weights_path()), state_in(keras_weights));

    History resumed = fit_with_callbacks(model, {backup});
    const auto& want = c.at("resumed");
    CHECK(resumed->epoch == want.at("epochs").get<std::vector<int>>());
    check_history(resumed, want.at("history"));
    check_weights(model->get_weights(), arrays(want.at("final_weights")));
    CHECK(model->optimizer()->iterations().value().item<std::int64_t>() ==
          want.at("iterations").get<std::int64_t>());
  }
}

TEST_CASE("fit resumes from the backup Keras wrote as Keras resumed from it",
          "[backup_and_restore]") {
  // (The manifest is kept in a variable: a range-for over a temporary's items() dangles.)
  const auto all = backup_manifest();
  for (const auto& [id, c] : all.at("cases").items()) {
    INFO("case " << id);
    TempDir tmp;
    const fs::path dir = tmp / "backup";
    fs::create_directories(dir);
    for (const char* file : {"weights", "metadata_file"}) {
      const fs::path from = oracle_path(c.at("backup").at(file));
      fs::copy_file(from, dir / from.filename());
    }
    auto model = initial_model();
    History resumed = fit_with_callbacks(model, {backup_for(c, dir.string())});
    CHECK(resumed->epoch == c.at("resumed").at("epochs").get<std::vector<int>>());
    check_history(resumed, c.at("resumed").at("history"));
    check_weights(model->get_weights(), arrays(c.at("resumed").at("final_weights")));
  }
}

TEST_CASE("Keras resumes from the backup fit wrote as fit resumed from it",
          "[backup_and_restore][keras]") {
  TempDir tmp;
  nlohmann::json job = {{"oracle", testing::oracle_dir().string()},
                        {"cases", nlohmann::json::array()}};
  // (The manifest is kept in a variable: a range-for over a temporary's items() dangles.)
  const auto all = backup_manifest();
  for (const auto& [id, c] : all.at("cases").items()) {
    auto model = initial_model();
    auto backup = backup_for(c, tmp / id);
    REQUIRE_THROWS_AS(fit_with_callbacks(model, {backup, interrupt_for(c)}), Interruption);
    const std::string for_keras = tmp / (id + "_for_keras");
    fs::copy(tmp / id, for_keras, fs::copy_options::recursive);
    History resumed = fit_with_callbacks(model, {backup});
    job["cases"].push_back(
        {{"id", id}, {"backup_dir", for_keras}, {"history", numbers(resumed->history)}});
  }
  std::ofstream(tmp / "job.json") << job.dump(1);
  const auto run = testing::oracle::run_check("generate_backup.py", tmp / "job.json");
  INFO("Keras's output:\n" << run.output);
  CHECK(run.status == 0);
  for (const auto& [id, c] : all.at("cases").items())
    CHECK(run.output.find(id + " OK") != std::string::npos);
}
