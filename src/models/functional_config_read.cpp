// Reading a functional model's config, from every Keras generation.
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

  // A Keras 1 / 2 [layer, node, tensor] reference: those files count a nested model's own
  // node 0, so references to a model are one higher.
  std::optional<KerasTensor> find_keras2(const Reference& r) const {
    return find(r, dynamic_cast<const Model*>(layer(r.layer).get()) ? 1 : 0);
  }

  // One call node's inputs and keyword arguments, or nothing while one of its tensors is not
  // available yet.
  struct Call {
    std::vector<KerasTensor> inputs;
    SymbolicCallKwargs kwargs;
  };
  std::optional<Call> node_call(const ConfigValue& node, const Layer& called) const {
    Call call;
    bool ready = true;
    if (node.is_dict()) {  // Keras 3: {"args": [...], "kwargs": {...}}
      collect(node.get("args", ConfigValue::list()), call.inputs, ready, false);
      add_kwargs(node.get("kwargs"), called, call, ready, false);
      if (!ready) return std::nullopt;
      return call;
    }
    if (!node.is_list()) throw ValueError("Functional config: malformed node " + node.dump());
    // Keras 1 / 2: a list of [layer, node, tensor(, kwargs)], the call's keyword arguments
    // repeated on each entry, tensors among them as [layer, node, tensor] too.
    for (const auto& entry : node.as_list()) {
      auto t = find_keras2(read_reference(entry, "inbound_nodes"));
      if (!t) return std::nullopt;
      call.inputs.push_back(*t);
    }
    if (node.size() > 0 && node.as_list()[0].size() == 4)
      add_kwargs(node.as_list()[0].as_list()[3], called, call, ready, true);
    if (!ready) return std::nullopt;
    return call;
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
  // The tensors `v` refers to: Keras 3's __keras_tensor__ dicts, in Keras 2 (`keras2`)
  // [layer, node, tensor] lists, at any depth of lists.
  void collect(const ConfigValue& v, std::vector<KerasTensor>& out, bool& ready,
               bool keras2) const {
    std::optional<KerasTensor> t;
    if (v.is_dict() && v.get("class_name").is_string() &&
        v.at("class_name").as_string() == "__keras_tensor__") {
      t = find(read_reference(v.at("config").at("keras_history"), "keras_history"), 0);
    } else if (keras2 && is_reference(v)) {
      t = find_keras2(read_reference(v, "inbound_nodes"));
    } else {
      if (v.is_list())
        for (const auto& item : v.as_list()) collect(item, out, ready, keras2);
      return;
    }
    if (!t) ready = false;
    else out.push_back(*t);
  }

  // A call's keyword arguments. Tensors Keras may pass by keyword follow the positional ones in
  // the C++ list call: MultiHeadAttention's query, value and key, an RNN's initial states. Of
  // the others, those the layer takes go with the call; Keras's rest (training, the masks the
  // tensors carry themselves) are not needed to replay it.
  void add_kwargs(const ConfigValue& kwargs, const Layer& called, Call& call, bool& ready,
                  bool keras2) const {
    if (!kwargs.is_dict()) return;
    for (const char* key : {"query", "value", "key", "initial_state"})
      collect(kwargs.get(key), call.inputs, ready, keras2);
    const std::vector<std::string> taken = called.call_keywords();
    for (const auto& [key, value] : kwargs.as_dict()) {
      if (std::find(taken.begin(), taken.end(), key) == taken.end() || value.is_null()) continue;
      std::vector<KerasTensor> tensors;
      collect(value, tensors, ready, keras2);
      if (tensors.size() > 1)
        throw ValueError("Functional config: layer \"" + called.name() + "\" is called with " +
                         std::to_string(tensors.size()) + " tensors as `" + key +
                         "`; one is expected");
      if (tensors.empty()) call.kwargs.values.emplace_back(key, value);
      else call.kwargs.tensors[key] = tensors[0];
    }
  }

  std::map<std::string, std::shared_ptr<Layer>> layers_;
  std::map<std::string, std::vector<std::vector<KerasTensor>>> outputs_;
};

// The layers named by the __keras_tensor__ references inside `v`.
void referenced_layers(const ConfigValue& v, std::set<std::string>& out) {
  if (v.is_dict()) {
    if (v.get("class_name").is_string() && v.at("class_name").as_string() == "__keras_tensor__") {
      const ConfigValue history = v.get("config").get("keras_history");
      if (history.is_list() && history.size() >= 1 && history.as_list()[0].is_string())
        out.insert(history.as_list()[0].as_string());
      return;
    }
    for (const auto& [key, item] : v.as_dict()) referenced_layers(item, out);
  } else if (v.is_list()) {
    for (const auto& item : v.as_list()) referenced_layers(item, out);
  }
}

// The layers named by [name, node, tensor] references (output_layers: one, a list or a dict).
void reference_names(const ConfigValue& v, std::set<std::string>& out) {
  if (is_reference(v)) {
    out.insert(v.as_list()[0].as_string());
  } else if (v.is_list()) {
    for (const auto& item : v.as_list()) reference_names(item, out);
  } else if (v.is_dict()) {
    for (const auto& [key, item] : v.as_dict()) reference_names(item, out);
  }
}

// A Keras operation rather than a layer: its module says so in .keras files; legacy .h5 files
// carry no module, and there an unregistered class is taken for one.
bool is_operation(const ConfigValue& entry) {
  const ConfigValue module = entry.get("module");
  if (module.is_string()) return module.as_string().rfind("keras.src.ops", 0) == 0;
  const ConfigValue class_name = entry.get("class_name");
  if (!class_name.is_string()) return false;
  for (const auto& registered : layers::layer_registry())
    if (registered.class_name == class_name.as_string()) return false;
  return true;
}

// The call keywords through which Keras passes the masks it carries on tensors (`mask`, and
// MultiHeadAttention's query_mask / value_mask / key_mask).
bool is_mask_keyword(const std::string& key) {
  return key == "mask" || key == "query_mask" || key == "value_mask" || key == "key_mask";
}

// Keras 3 records the symbolic computation of masks in a functional config: operation nodes
// (NotEqual for Embedding's mask_zero, Any for Masking, ...) whose outputs reach layers only
// as their `mask` keyword argument. keraspp's layers compute and pass those masks themselves
// when the model runs, so such operations are not rebuilt; any other use of one is.
std::set<std::string> mask_only_operations(const ConfigValue& layers) {
  std::set<std::string> operations, used;
  for (const auto& entry : layers.as_list()) {
    if (!entry.is_dict()) continue;
    const ConfigValue name =
        entry.get("name").is_string() ? entry.get("name") : entry.get("config").get("name");
    if (is_operation(entry)) {
      if (name.is_string()) operations.insert(name.as_string());
      continue;  // an operation's own inputs are part of the mask computation
    }
    const ConfigValue nodes = entry.get("inbound_nodes");
    if (!nodes.is_list()) continue;
    for (const auto& node : nodes.as_list()) {
      if (!node.is_dict()) {
        referenced_layers(node, used);
        continue;
      }
      referenced_layers(node.get("args"), used);
      if (node.get("kwargs").is_dict())
        for (const auto& [key, value] : node.at("kwargs").as_dict())
          if (!is_mask_keyword(key)) referenced_layers(value, used);
    }
  }
  std::set<std::string> skipped;
  for (const auto& name : operations)
    if (!used.count(name)) skipped.insert(name);
  return skipped;
}

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
  std::set<std::string> output_layers;
  reference_names(config.get("output_layers"), output_layers);
  const std::set<std::string> skipped = mask_only_operations(config.at("layers"));
  for (const auto& entry : config.at("layers").as_list()) {
    if (!entry.is_dict())
      throw ValueError("Functional config: a layer entry must be a dict, received " +
                       entry.dump().substr(0, 200));
    std::string name = entry.get("name").is_string() ? entry.at("name").as_string()
                                                     : entry.at("config").at("name").as_string();
    if (skipped.count(name) && !output_layers.count(name)) continue;
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
        Layer& layer = *graph.layer(p.name);
        auto call = graph.node_call(p.nodes[p.next], layer);
        if (!call) break;
        if (call->inputs.empty()) {
          ++p.next;  // an empty node (an input layer in some Keras 2 files)
          continue;
        }
        graph.record(p.name, layer(call->inputs, call->kwargs));
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
