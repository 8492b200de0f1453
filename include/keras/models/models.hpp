#pragma once
// keras.models: building models from what Keras writes. model_from_json / model_from_config
// read Keras 3's `model.to_json()` and the JSON of every earlier Keras (Keras 1 and 2 configs,
// tf.keras's "Model" / "Functional" class names, list-form Sequential configs).
#include <string>

#include "keras/core/config_value.hpp"
#include "keras/models/model.hpp"

namespace keras::models {

// A model (Functional or Sequential) from {"class_name", "config", ...} as Keras serializes
// it; a layer that is not a model, or an unknown class, is a ValueError naming it.
ModelHandle<> model_from_config(const ConfigValue& config);
// keras.models.model_from_json: the same from JSON text.
ModelHandle<> model_from_json(const std::string& json);
// keras.models.load_model: a `.keras` archive (Keras 3) or a legacy `.h5` / `.hdf5` full-model
// file (Keras 1, Keras 2, tf.keras, Keras 3's legacy writer). With `compile`, the model comes
// back compiled as it was saved, its optimizer state restored from a `.keras` archive, so fit
// continues where it stopped. Files are untrusted: a corrupt or hostile one is an IOError or
// ValueError naming the file, never a crash.
ModelHandle<> load_model(const std::string& filepath, bool compile = true);

}  // namespace keras::models
