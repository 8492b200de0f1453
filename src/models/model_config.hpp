#pragma once
// A functional model's config as Keras writes and reads it (keras/src/models/functional.py):
// the layers in Keras's order, each with its call nodes, and the input and output references.
// Internal: Model::get_config / Model::from_config are the public face.
#include <functional>
#include <memory>

#include "keras/core/config_value.hpp"

namespace keras {

class Layer;
class Model;
struct FunctionalGraph;

namespace detail {

// A functional model (not a Sequential) used as a layer: Keras numbers its call nodes from 1 in
// input_layers / output_layers (node 0 was, in Keras 2, the model's own internal node).
bool is_functional(const Layer& layer);

// {"name", "trainable", "layers": [...with "name" and "inbound_nodes"], "input_layers",
// "output_layers"}, in Keras 3's node syntax.
ConfigValue functional_config(const Model& model, const FunctionalGraph& graph);

// Rebuilds the graph a functional config describes: every layer from the registry, then its
// call nodes replayed in the file's order until all inputs are available. Reads Keras 3's node
// syntax ({"args", "kwargs"}) and the list forms of Keras 1 ([name, node, tensor]) and Keras 2 /
// tf.keras ([name, node, tensor, kwargs]).
// `make_layer` builds each layer from its entry in `layers` (default: layers::deserialize);
// clone_model passes its clone_function through it.
using LayerMaker = std::function<std::shared_ptr<Layer>(const ConfigValue& entry)>;
std::shared_ptr<Model> functional_from_config(const ConfigValue& config,
                                              const LayerMaker& make_layer = {});

}  // namespace detail
}  // namespace keras
