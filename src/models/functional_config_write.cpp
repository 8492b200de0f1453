// Writing a functional model's config (Keras 3's node syntax).
#include "src/models/model_config.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "keras/core/errors.hpp"
#include "keras/layers/core/input_layer.hpp"
#include "keras/layers/registry.hpp"
#include "keras/models/model.hpp"
#include "src/core/config_reader.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/models/functional_graph.hpp"

namespace keras::detail {

bool is_functional(const Layer& layer) {
  const auto* model = dynamic_cast<const Model*>(&layer);
  return model && model->class_name() == "Functional";
}

namespace {

// Each node's index among the nodes of its layer that belong to this model, in call order, as
// Keras renumbers them in get_config (calls of a shared layer outside the model don't count).
class NodeNumbering {
 public:
  explicit NodeNumbering(const FunctionalGraph& graph) {
    std::map<const Layer*, std::vector<const Node*>> per_layer;
    for (const auto& t : graph.inputs) per_layer[t.node()->layer.get()].push_back(t.node().get());
    for (const auto& n : graph.nodes) per_layer[n->layer.get()].push_back(n.get());
    for (auto& [layer, nodes] : per_layer) {
      std::stable_sort(nodes.begin(), nodes.end(),
                       [](const Node* a, const Node* b) { return a->index < b->index; });
      for (std::size_t i = 0; i < nodes.size(); ++i) index_[nodes[i]] = static_cast<int>(i);
    }
    per_layer_ = std::move(per_layer);
  }
  int of(const Node* node) const { return index_.at(node); }
  // A layer's nodes in this graph, in their numbering's order.
  const std::vector<const Node*>& nodes_of(const Layer* layer) const {
    static const std::vector<const Node*> none;
    auto it = per_layer_.find(layer);
    return it == per_layer_.end() ? none : it->second;
  }

 private:
  std::unordered_map<const Node*, int> index_;
  std::map<const Layer*, std::vector<const Node*>> per_layer_;
};

ConfigValue reference(const KerasTensor& t, const NodeNumbering& numbering, bool model_io) {
  const Layer& layer = *t.node()->layer;
  int node = numbering.of(t.node().get()) + (model_io && is_functional(layer) ? 1 : 0);
  return ConfigValue::List{layer.name(), node, t.output_index()};
}

ConfigValue keras_tensor(const KerasTensor& t, const NodeNumbering& numbering) {
  ConfigValue config = ConfigValue::dict();
  config["shape"] = layers::shape_to_config(t.shape());
  config["dtype"] = std::string(dtype_name(t.dtype()));
  config["keras_history"] = reference(t, numbering, false);
  return ConfigValue::Dict{{"class_name", "__keras_tensor__"}, {"config", config}};
}

// The node's input tensors as Keras's call recorded them: the layer decides which are
// positional (one tensor, or a merge layer's list) and which are keyword arguments.
// The call's own keyword arguments (attention_mask=..., use_causal_mask=True) join those.
ConfigValue node_config(const Layer& layer, const Node& node, const NodeNumbering& numbering) {
  std::vector<ConfigValue> tensors;
  for (std::size_t i = 0; i < node.positional_count(); ++i)
    tensors.push_back(keras_tensor(node.inputs[i], numbering));
  ConfigValue config = layer.node_config(tensors);
  ConfigValue& kwargs = config["kwargs"];
  for (const auto& [keyword, value] : node.kwargs.as_dict()) kwargs[keyword] = value;
  for (std::size_t i = 0; i < node.input_keywords.size(); ++i)
    kwargs[node.input_keywords[i]] =
        keras_tensor(node.inputs[node.positional_count() + i], numbering);
  return config;
}

ConfigValue structure(const std::vector<KerasTensor>& tensors, const std::vector<std::string>& keys,
                      bool is_dict, bool is_list, const NodeNumbering& numbering) {
  if (is_dict) {
    ConfigValue d = ConfigValue::dict();
    for (std::size_t i = 0; i < tensors.size(); ++i)
      d[keys.at(i)] = reference(tensors[i], numbering, true);
    return d;
  }
  if (!is_list && tensors.size() == 1) return reference(tensors[0], numbering, true);
  ConfigValue list = ConfigValue::list();
  for (const auto& t : tensors) list.push_back(reference(t, numbering, true));
  return list;
}

}  // namespace

ConfigValue functional_config(const Model& model, const FunctionalGraph& graph) {
  NodeNumbering numbering(graph);
  ConfigValue c = ConfigValue::dict();
  c["name"] = model.name();
  c["trainable"] = model.trainable();
  ConfigValue layer_list = ConfigValue::list();
  for (const auto& layer : graph.layers) {
    ConfigValue entry = layers::serialize(*layer);
    entry["name"] = layer->name();
    ConfigValue inbound = ConfigValue::list();
    for (const Node* node : numbering.nodes_of(layer.get())) {
      if (node->inputs.empty()) continue;  // an input layer's node: nothing to replay
      inbound.push_back(node_config(*layer, *node, numbering));
    }
    entry["inbound_nodes"] = inbound;
    layer_list.push_back(entry);
  }
  c["layers"] = layer_list;
  c["input_layers"] =
      structure(graph.inputs, graph.input_names, graph.dict_inputs, graph.list_inputs, numbering);
  c["output_layers"] = structure(graph.outputs, graph.output_names, graph.dict_outputs,
                                 graph.list_outputs, numbering);
  return c;
}

}  // namespace keras::detail
