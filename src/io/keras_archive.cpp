#include "src/io/keras_archive.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "keras/core/errors.hpp"
#include "keras/layers/registry.hpp"
#include "keras/models/models.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/io/model_from_file.hpp"
#include "src/io/weights_h5.hpp"
#include "src/io/optimizer_state.hpp"
#include "src/io/temp_file.hpp"
#include "src/io/zip_archive.hpp"

namespace keras::io {

namespace fs = std::filesystem;

namespace {

// What we accept from an archive: configs are small; weights are bounded by what a machine can
// hold, far below what a malicious header may claim.
constexpr std::uint64_t kMaxConfigBytes = 64ull << 20;
constexpr std::uint64_t kMaxWeightsBytes = 64ull << 30;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IOError("Cannot read '" + path + "'");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw IOError("Cannot write '" + path + "'");
}

std::string date_saved() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d@%H:%M:%S", &tm);
  return buf;
}

TempFile extract_weights(const ZipReader& zip) {
  TempFile weights = TempFile::in_temp_dir(".weights.h5");
  write_file(weights.path(), zip.read("model.weights.h5", kMaxWeightsBytes));
  return weights;
}

// The weights come from a temporary copy: errors name the archive the user gave too.
void load_archive_weights(Model& model, const std::string& weights_path, const std::string& archive,
                          bool skip_mismatch) {
  try {
    load_weights_h5(model, weights_path, skip_mismatch);
  } catch (const ValueError& e) {
    throw ValueError("'" + archive + "', entry model.weights.h5: " + e.what());
  } catch (const IOError& e) {
    throw IOError("'" + archive + "', entry model.weights.h5: " + e.what());
  }
}

IOError no_weights(const std::string& filepath) {
  return IOError("'" + filepath +
                 "' has no model.weights.h5 (Keras 3 saved with weights_format='npz' is not "
                 "supported)");
}

}  // namespace

void save_keras(const Model& model, const std::string& filepath, bool include_optimizer) {
  ConfigValue config = layers::serialize(model);
  if (!include_optimizer) config["compile_config"] = ConfigValue::dict();
  ZipWriter zip(filepath);
  zip.add("metadata.json", ConfigValue(ConfigValue::Dict{{"keras_version", kKerasFormatVersion},
                                                         {"date_saved", date_saved()}})
                               .dump());
  zip.add("config.json", config.dump());
  TempFile weights = TempFile::in_temp_dir(".weights.h5");
  save_weights_h5(model, weights.path(), include_optimizer);
  zip.add("model.weights.h5", read_file(weights.path()));
  zip.commit();
}

ModelHandle<> load_keras(const std::string& filepath, bool compile) {
  ZipReader zip(filepath);
  if (!zip.contains("config.json"))
    throw IOError("'" + filepath + "' is not a Keras archive: it has no config.json");
  ConfigValue config;
  try {
    config = ConfigValue::parse(zip.read("config.json", kMaxConfigBytes));
  } catch (const ValueError& e) {
    throw IOError("'" + filepath + "': config.json is not valid JSON: " + e.what());
  }
  ModelHandle<> model = model_from_file_config(config, filepath);
  if (compile && config.get("compile_config").is_dict())
    model->compile_from_config(config.at("compile_config"));
  if (zip.contains("model.weights.h5")) {
    TempFile weights = extract_weights(zip);
    // As Keras's compile_from_config, so that the saved optimizer variables load.
    if (model->compiled() && model->built())
      model->optimizer()->build(model->trainable_variables());
    load_archive_weights(*model, weights.path(), filepath, false);
  } else if (!model->weights().empty()) {
    throw no_weights(filepath);
  }
  return model;
}

void load_keras_weights(Model& model, const std::string& filepath, bool skip_mismatch) {
  ZipReader zip(filepath);
  if (!zip.contains("model.weights.h5")) throw no_weights(filepath);
  TempFile weights = extract_weights(zip);
  load_archive_weights(model, weights.path(), filepath, skip_mismatch);
}

}  // namespace keras::io
