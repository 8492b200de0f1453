// keras.models.clone_model (keras/src/models/cloning.py).
#include "keras/core/errors.hpp"
#include "keras/layers/registry.hpp"
#include "keras/models/models.hpp"
#include "keras/models/sequential.hpp"
#include "src/models/model_config.hpp"

namespace keras::models {

namespace {

// Keras's _clone_layer: a new layer of the same class from the layer's config.
std::shared_ptr<Layer> clone_layer(const std::shared_ptr<Layer>& layer) {
  return layers::deserialize(layers::serialize(*layer));
}

std::shared_ptr<Layer> checked_clone(const CloneOptions& options,
                                     const std::shared_ptr<Layer>& layer) {
  auto clone = options.clone_function ? options.clone_function(layer) : clone_layer(layer);
  if (!clone)
    throw ValueError("clone_model: clone_function returned no layer for layer '" + layer->name() +
                     "'");
  return clone;
}

// Keras's _clone_sequential_model: a new Input like the original's, then every layer cloned.
std::shared_ptr<Model> clone_sequential(const Sequential& model, const CloneOptions& options) {
  std::vector<SequentialEntry> entries;
  const ConfigValue config = model.get_config();
  for (const auto& entry : config.at("layers").as_list())
    if (entry.get("class_name") == ConfigValue("InputLayer"))
      entries.emplace_back(layers::deserialize(entry));
  for (const auto& layer : model.layers()) entries.emplace_back(checked_clone(options, layer));
  return std::make_shared<Sequential>(std::move(entries),
                                      ModelOptions{model.name(), model.trainable()});
}

// Keras's _clone_functional_model: the graph replayed on new inputs through the cloned layers
// (a shared layer is cloned once and called at each of its nodes).
std::shared_ptr<Model> clone_functional(const Model& model, const CloneOptions& options) {
  return detail::functional_from_config(
      model.get_config(), [&](const ConfigValue& entry) -> std::shared_ptr<Layer> {
        if (entry.get("class_name") == ConfigValue("InputLayer")) return layers::deserialize(entry);
        return checked_clone(options, model.get_layer(entry.at("name").as_string()));
      });
}

}  // namespace

ModelHandle<> clone_model(const Model& model, const CloneOptions& options) {
  if (const auto* sequential = dynamic_cast<const Sequential*>(&model))
    return ModelHandle<>(clone_sequential(*sequential, options));
  if (model.is_functional() && model.class_name() == "Functional")
    return ModelHandle<>(clone_functional(model, options));
  if (options.clone_function)
    throw ValueError(
        "Arguments `clone_function` and `input_tensors` are only supported for Sequential "
        "models or Functional models. Received model of type '" +
        model.class_name() + "'");
  // A subclassed model: through its config, so its class must be registered (as in Keras).
  return model_from_config(layers::serialize(model));
}

}  // namespace keras::models
