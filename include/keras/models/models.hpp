#pragma once
// keras.models: building models from what Keras writes. model_from_json / model_from_config
// read Keras 3's `model.to_json()` and the JSON of every earlier Keras (Keras 1 and 2 configs,
// tf.keras's "Model" / "Functional" class names, list-form Sequential configs).
#include <functional>
#include <memory>
#include <string>

#include "keras/core/config_value.hpp"
#include "keras/models/model.hpp"
#include "keras/saving/custom_objects.hpp"

namespace keras::models {

// A model (Functional or Sequential) from {"class_name", "config", ...} as Keras serializes
// it; a layer that is not a model, or an unknown class, is a ValueError naming it. Classes of
// your own come from `custom_objects`, a live saving::CustomObjectScope or
// layers::register_layer; a Lambda layer is refused (its Python code is never run).
ModelHandle<> model_from_config(const ConfigValue& config,
                                const saving::CustomObjects& custom_objects = {});
// keras.models.model_from_json: the same from JSON text.
ModelHandle<> model_from_json(const std::string& json,
                              const saving::CustomObjects& custom_objects = {});

// keras.models.load_model's keyword arguments.
struct LoadOptions {
  bool compile = true;
  saving::CustomObjects custom_objects{};
};
// keras.models.load_model: a `.keras` archive (Keras 3) or a legacy `.h5` / `.hdf5` full-model
// file (Keras 1, Keras 2, tf.keras, Keras 3's legacy writer). With `compile`, the model comes
// back compiled as it was saved, its optimizer state restored from a `.keras` archive, so fit
// continues where it stopped. Files are untrusted: a corrupt or hostile one is an IOError or
// ValueError naming the file, never a crash; so is a class the file names that neither
// `custom_objects`, a CustomObjectScope nor layers::register_layer provides.
ModelHandle<> load_model(const std::string& filepath, const LoadOptions& options = {});
ModelHandle<> load_model(const std::string& filepath, bool compile);

// keras.models.clone_model's keyword arguments.
struct CloneOptions {
  // Makes each layer of the clone from the original layer (not applied to input layers); the
  // default is Keras's: a new layer of the same class from the layer's config.
  std::function<std::shared_ptr<Layer>(const std::shared_ptr<Layer>& layer)> clone_function{};
};

// keras.models.clone_model: a new model with the same topology whose layers are new objects
// (from their configs, so with freshly initialized weights: weights are not copied, as in
// Keras). Sequential and functional models take `clone_function`; any other model is rebuilt
// through serialization (its class registered, as for load_model), and a clone_function for
// it is a ValueError.
ModelHandle<> clone_model(const Model& model, const CloneOptions& options = {});

}  // namespace keras::models
