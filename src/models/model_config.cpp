#include "src/models/model_config.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "keras/core/errors.hpp"
#include "keras/layers/core/input_layer.hpp"
#include "keras/layers/registry.hpp"
#include "keras/models/model.hpp"
#include "src/core/config_reader.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/models/functional_graph.hpp"

namespace keras::detail {

namespace {

// A functional model (not a Sequential) used as a layer: Keras numbers its call nodes from 1 in
// input_layers / output_layers (node 0 was, in Keras 2, the model's own internal node).
bool is_functional(const Layer& layer) {
  const auto* model = dynamic_cast<const Model*>(&layer);
  return model && model->class_name() == "Functional";
}

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

// One tensor argument, or (a merge layer's) one list of them, as Keras's call recorded it.
ConfigValue node_args(const Node& node, const NodeNumbering& numbering) {
  if (node.inputs.size() == 1) return ConfigValue::List{keras_tensor(node.inputs[0], numbering)};
  ConfigValue list = ConfigValue::list();
  for (const auto& t : node.inputs) list.push_back(keras_tensor(t, numbering));
  return ConfigValue::List{list};
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
      inbound.push_back(ConfigValue::Dict{{"args", node_args(*node, numbering)},
                                          {"kwargs", layer->node_kwargs()}});
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

// ---- loading --------------------------------------------------------------------------------

namespace {

struct Reference {
  std::string layer;
  std::int64_t node = 0;
  std::int64_t tensor = 0;
};

bool is_reference(const ConfigValue& v) {
  return v.is_list() && (v.size() == 3 || v.size() == 4) && v.as_list()[0].is_string() &&
         v.as_list()[1].is_number() && v.as_list()[2].is_number();
}

Reference read_reference(const ConfigValue& v, const std::string& where) {
  if (!is_reference(v))
    throw ValueError(
        "Functional config: expected a [layer_name, node_index, tensor_index] "
        "reference in " +
        where + ", received " + v.dump());
  const auto& l = v.as_list();
  return {l[0].as_string(), l[1].as_int(), l[2].as_int()};
}

class GraphBuilder {
 public:
  void add_layer(const std::string& name, std::shared_ptr<Layer> layer) {
    if (layers_.count(name))
      throw ValueError("Functional config: two layers are named \"" + name + "\"");
    if (auto input = std::dynamic_pointer_cast<layers::InputLayerImpl>(layer))
      outputs_[name].push_back({layers::make_input_tensor(input)});
    layers_[name] = std::move(layer);
  }
  const std::shared_ptr<Layer>& layer(const std::string& name) const {
    auto it = layers_.find(name);
    if (it == layers_.end())
      throw ValueError("Functional config refers to an unknown layer: \"" + name + "\"");
    return it->second;
  }

  // The tensor a reference names, or nothing while its node has not been replayed yet.
  std::optional<KerasTensor> find(const Reference& r, std::int64_t node_offset) const {
    layer(r.layer);  // an unknown name is an error, not "not yet"
    std::int64_t node = r.node - node_offset;
    auto it = outputs_.find(r.layer);
    if (node < 0)
      throw ValueError("Functional config: node index out of range for \"" + r.layer + "\"");
    if (it == outputs_.end() || node >= static_cast<std::int64_t>(it->second.size()))
      return std::nullopt;
    const auto& outs = it->second[static_cast<std::size_t>(node)];
    if (r.tensor < 0 || r.tensor >= static_cast<std::int64_t>(outs.size()))
      throw ValueError("Functional config: layer \"" + r.layer + "\" has no output " +
                       std::to_string(r.tensor));
    return outs[static_cast<std::size_t>(r.tensor)];
  }

  // Inputs of one call node, or nothing while one of them is not available yet.
  std::optional<std::vector<KerasTensor>> node_inputs(const ConfigValue& node) const {
    std::vector<KerasTensor> inputs;
    if (node.is_dict()) {  // Keras 3: {"args": [...], "kwargs": {...}}
      bool ready = true;
      collect(node.get("args", ConfigValue::list()), inputs, ready);
      if (!ready) return std::nullopt;
      return inputs;
    }
    if (!node.is_list()) throw ValueError("Functional config: malformed node " + node.dump());
    // Keras 1 / 2: a list of [layer, node, tensor(, kwargs)]; a nested model's own node 0
    // counted then, so references to a model are one higher.
    for (const auto& entry : node.as_list()) {
      Reference r = read_reference(entry, "inbound_nodes");
      auto t = find(r, dynamic_cast<const Model*>(layer(r.layer).get()) ? 1 : 0);
      if (!t) return std::nullopt;
      inputs.push_back(*t);
    }
    return inputs;
  }

  void record(const std::string& name, std::vector<KerasTensor> outs) {
    outputs_[name].push_back(std::move(outs));
  }

  // input_layers / output_layers: a reference, a list of them or a dict of them.
  Nested<KerasTensor> tensors(const ConfigValue& v, const std::string& where) const {
    auto get = [&](const ConfigValue& ref) {
      Reference r = read_reference(ref, where);
      auto t = find(r, is_functional(*layer(r.layer)) ? 1 : 0);
      if (!t)
        throw ValueError("Functional config: " + where + " refers to node " +
                         std::to_string(r.node) + " of layer \"" + r.layer +
                         "\", which the layers' inbound nodes never create");
      return *t;
    };
    if (is_reference(v)) return get(v);
    if (v.is_dict()) {
      std::map<std::string, KerasTensor> d;
      for (const auto& [k, ref] : v.as_dict()) d[k] = get(ref);
      return Nested<KerasTensor>(d);
    }
    if (!v.is_list()) throw ValueError("Functional config: malformed " + where + ": " + v.dump());
    std::vector<KerasTensor> list;
    for (const auto& ref : v.as_list()) list.push_back(get(ref));
    return Nested<KerasTensor>(list);
  }

 private:
  void collect(const ConfigValue& v, std::vector<KerasTensor>& out, bool& ready) const {
    if (v.is_dict() && v.get("class_name").is_string() &&
        v.at("class_name").as_string() == "__keras_tensor__") {
      Reference r = read_reference(v.at("config").at("keras_history"), "keras_history");
      auto t = find(r, 0);
      if (!t) ready = false;
      else out.push_back(*t);
    } else if (v.is_list()) {
      for (const auto& item : v.as_list()) collect(item, out, ready);
    }
  }

  std::map<std::string, std::shared_ptr<Layer>> layers_;
  std::map<std::string, std::vector<std::vector<KerasTensor>>> outputs_;
};

}  // namespace

std::shared_ptr<Model> functional_from_config(const ConfigValue& config,
                                              const LayerMaker& make_layer) {
  if (!config.is_dict() || !config.get("layers").is_list())
    throw ValueError("A functional model config needs a `layers` list; received " +
                     config.dump().substr(0, 200));
  GraphBuilder graph;
  struct Pending {
    std::string name;
    std::vector<ConfigValue> nodes;
    std::size_t next = 0;
  };
  std::vector<Pending> pending;
  for (const auto& entry : config.at("layers").as_list()) {
    if (!entry.is_dict())
      throw ValueError("Functional config: a layer entry must be a dict, received " +
                       entry.dump().substr(0, 200));
    std::string name = entry.get("name").is_string() ? entry.at("name").as_string()
                                                     : entry.at("config").at("name").as_string();
    graph.add_layer(name, make_layer ? make_layer(entry) : layers::deserialize(entry));
    Pending p{name, {}, 0};
    if (entry.get("inbound_nodes").is_list()) p.nodes = entry.at("inbound_nodes").as_list();
    pending.push_back(std::move(p));
  }
  // Replay the call nodes in file order; a node whose inputs do not exist yet waits for the next
  // sweep (Keras's loop). A sweep without progress means the references can never resolve.
  for (bool progress = true; progress;) {
    progress = false;
    for (auto& p : pending) {
      while (p.next < p.nodes.size()) {
        auto inputs = graph.node_inputs(p.nodes[p.next]);
        if (!inputs) break;
        if (inputs->empty()) {
          ++p.next;  // an empty node (an input layer in some Keras 2 files)
          continue;
        }
        graph.record(p.name, (*graph.layer(p.name))(*inputs));
        ++p.next;
        progress = true;
      }
    }
  }
  for (const auto& p : pending)
    if (p.next < p.nodes.size())
      throw ValueError("Functional config: call " + std::to_string(p.next) + " of layer \"" +
                       p.name + "\" refers to tensors that no layer produces");
  ConfigReader r(config, "Functional config");
  r.ignore({"layers", "input_layers", "output_layers", "dtype"});
  Nested<KerasTensor> inputs = graph.tensors(config.at("input_layers"), "input_layers");
  Nested<KerasTensor> outputs = graph.tensors(config.at("output_layers"), "output_layers");
  const ConfigValue name = r.raw("name");
  ModelOptions options{name.is_string() ? name.as_string() : "", r.boolean("trainable", true)};
  r.finish();
  return std::make_shared<Model>(inputs, outputs, options);
}

}  // namespace keras::detail
