// Model::save / save_weights / load_weights and models::load_model: the format comes from the
// file name, as in Keras.
#include "keras/models/model.hpp"
#include "keras/models/models.hpp"
#include "keras/saving/save_model.hpp"
#include "src/io/keras_archive.hpp"
#include "src/io/legacy_h5.hpp"
#include "src/io/weights_h5.hpp"

namespace keras {

void Model::save_weights(const std::string& filepath) const {
  if (!filepath.ends_with(".weights.h5"))
    throw ValueError("The filename must end in `.weights.h5`. Received: filepath=" + filepath);
  io::save_weights_h5(*this, filepath);
}

void Model::load_weights(const std::string& filepath, const LoadWeightsOptions& options) {
  const bool legacy = !filepath.ends_with(".weights.h5") &&
                      (filepath.ends_with(".h5") || filepath.ends_with(".hdf5"));
  if (options.by_name && !legacy)
    throw ValueError("`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: " +
                     filepath);
  if (filepath.ends_with(".weights.h5")) {
    io::load_weights_h5(*this, filepath, options.skip_mismatch);
  } else if (filepath.ends_with(".keras")) {
    io::load_keras_weights(*this, filepath, options.skip_mismatch);
  } else if (legacy) {
    io::load_legacy_weights_h5(*this, filepath, options.by_name.value_or(false),
                               options.skip_mismatch);
  } else {
    throw ValueError("File format not supported: filepath=" + filepath +
                     ". keraspp loads Keras 3 `.weights.h5` files, the weights of `.keras` "
                     "archives and the legacy `.h5` weights of Keras 1 / Keras 2 / tf.keras.");
  }
}

void Model::save(const std::string& filepath, bool include_optimizer) const {
  saving::save_model(*this, filepath, {.include_optimizer = include_optimizer});
}

void Model::save(const std::string& filepath, const saving::SaveOptions& options) const {
  saving::save_model(*this, filepath, options);
}

namespace saving {

void save_model(const Model& model, const std::string& filepath, const SaveOptions& options) {
  if (filepath.ends_with(".keras")) {
    io::save_keras(model, filepath, options.include_optimizer);
  } else if (filepath.ends_with(".h5") || filepath.ends_with(".hdf5")) {
    io::save_legacy_h5(model, filepath, options.include_optimizer, options.legacy_h5_reader);
  } else {
    throw ValueError(
        "Invalid filepath extension for saving. Please add either a `.keras` "
        "extension for the native Keras format (recommended) or a `.h5` extension. "
        "Received: filepath=" +
        filepath);
  }
}

}  // namespace saving

namespace models {

ModelHandle<> load_model(const std::string& filepath, bool compile) {
  if (filepath.ends_with(".keras")) return io::load_keras(filepath, compile);
  if (filepath.ends_with(".h5") || filepath.ends_with(".hdf5"))
    return io::load_legacy_h5(filepath, compile);
  throw ValueError("File format not supported: filepath=" + filepath +
                   ". keraspp loads `.keras` archives and legacy `.h5` / `.hdf5` model files "
                   "(a `.json` config loads with models::model_from_json).");
}

}  // namespace models

}  // namespace keras
