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

}  // namespace keras::models
