#pragma once
// The legacy HDF5 formats of Keras 1, Keras 2 and tf.keras (keras-formats.md §2-3), read only
// for now (internal): a full model saved with model.save("m.h5") (model_config,
// training_config, model_weights) and weights saved with save_weights("w.h5").
#include <string>

#include "keras/models/model.hpp"

namespace keras::io {

// True when the file looks like a legacy full-model file (it has a model_config attribute).
bool is_legacy_model_h5(const std::string& filepath);
ModelHandle<> load_legacy_h5(const std::string& filepath, bool compile = true);
// Keras 2's load_weights for .h5: the file's layers with weights, in order, onto the model's
// layers with weights, in order (topological loading).
void load_legacy_weights_h5(Model& model, const std::string& filepath);

}  // namespace keras::io
