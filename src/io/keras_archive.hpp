#pragma once
// The Keras 3 `.keras` archive (keras-formats.md §4.2), behind Model::save and
// models::load_model (internal): a zip of config.json (the serialized model with its
// compile_config), metadata.json and model.weights.h5 (the §4.1 layout, plus the optimizer's
// variables under optimizer/vars once it is built, as save_weights writes them).
#include <string>

#include "keras/models/model.hpp"

namespace keras::io {

void save_keras(const Model& model, const std::string& filepath, bool include_optimizer = true);
ModelHandle<> load_keras(const std::string& filepath, bool compile = true);
// model.load_weights("m.keras"): the archive's model.weights.h5 into a built model.
void load_keras_weights(Model& model, const std::string& filepath, bool skip_mismatch = false);

}  // namespace keras::io
