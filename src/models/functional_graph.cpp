#include "src/models/functional_graph.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/core/input_layer.hpp"

namespace keras {

namespace {
using TensorKey = std::pair<const Node*, int>;
TensorKey key_of(const KerasTensor& t) { return {t.node().get(), t.output_index()}; }
}  // namespace

std::shared_ptr<FunctionalGraph> FunctionalGraph::build(std::vector<KerasTensor> inputs,
                                                        std::vector<KerasTensor> outputs) {
  auto g = std::make_shared<FunctionalGraph>();
  if (outputs.empty()) throw ValueError("A functional Model needs at least one output");
  for (const auto& t : inputs)
    if (!t.defined() || !t.node())
      throw ValueError("Model inputs must be KerasTensors made by keras::Input");
  for (const auto& t : outputs)
    if (!t.defined() || !t.node())
      throw ValueError("Model outputs must be KerasTensors produced by layer calls");
  std::set<TensorKey> input_keys;
  std::set<const Node*> input_nodes;  // where the walk back from the outputs stops
  for (const auto& t : inputs) {
    input_keys.insert(key_of(t));
    input_nodes.insert(t.node().get());
  }

  // Depth-first from the outputs (Keras's _build_map): traversal order of layers, and nodes
  // in an order where each comes after the nodes it depends on.
  std::map<const Layer*, int> layer_index;
  std::vector<std::shared_ptr<Node>> post_order;
  std::set<const Node*> finished, in_progress;
  auto visit = [&](auto&& self, const KerasTensor& t) -> void {
    const auto& node = t.node();
    if (in_progress.count(node.get()))
      throw ValueError("Tensor " + t.name() + " from layer '" + node->layer->name() +
                       "' is part of a cycle.");
    if (!layer_index.count(node->layer.get()))
      layer_index[node->layer.get()] = static_cast<int>(layer_index.size());
    if (finished.count(node.get())) return;
    in_progress.insert(node.get());
    if (!input_keys.count(key_of(t)))
      for (const auto& in : node->inputs) self(self, in);
    in_progress.erase(node.get());
    finished.insert(node.get());
    post_order.push_back(node);
  };
  for (const auto& t : outputs) visit(visit, t);

  // Depths: outputs at 0, each input node one deeper than its deepest consumer.
  std::map<const Node*, int> node_depth;
  std::map<const Layer*, int> layer_depth;
  for (auto it = post_order.rbegin(); it != post_order.rend(); ++it) {
    const Node* n = it->get();
    int depth = std::max(node_depth[n],
                         layer_depth.count(n->layer.get()) ? layer_depth[n->layer.get()] : 0);
    layer_depth[n->layer.get()] = depth;
    node_depth[n] = depth;
    if (input_nodes.count(n)) continue;
    for (const auto& in : n->inputs) {
      const Node* p = in.node().get();
      node_depth[p] = std::max(node_depth.count(p) ? node_depth[p] : 0, depth + 1);
    }
  }

  // Execution order: deepest first; within a depth, post-order keeps dependencies satisfied.
  std::vector<std::shared_ptr<Node>> ordered = post_order;
  std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
    return node_depth[a.get()] > node_depth[b.get()];
  });

  // Layers by depth (deepest first), ties by traversal order.
  std::vector<std::shared_ptr<Layer>> layers;
  std::set<const Layer*> seen;
  for (const auto& n : post_order)
    if (seen.insert(n->layer.get()).second) layers.push_back(n->layer);
  std::stable_sort(layers.begin(), layers.end(), [&](const auto& a, const auto& b) {
    int da = layer_depth[a.get()], db = layer_depth[b.get()];
    if (da != db) return da > db;
    return layer_index[a.get()] < layer_index[b.get()];
  });

  // Check every node can be computed from the inputs (Keras's "Graph disconnected").
  std::set<TensorKey> computable = input_keys;
  std::vector<std::string> done_layers;
  for (const auto& n : ordered) {
    if (input_nodes.count(n.get())) continue;
    if (dynamic_cast<const layers::InputLayerImpl*>(n->layer.get()) || n->inputs.empty()) {
      // An Input that is not among the model's inputs: its consumers will be reported.
      continue;
    }
    for (const auto& in : n->inputs) {
      if (!computable.count(key_of(in))) {
        std::string accessed;
        for (const auto& l : done_layers) accessed += (accessed.empty() ? "'" : ", '") + l + "'";
        throw ValueError("Graph disconnected: cannot find parent for tensor " + in.name() +
                         " at layer '" + n->layer->name() +
                         "'. The following previous layers were accessed without issue: [" +
                         accessed + "]");
      }
    }
    for (int i = 0; i < static_cast<int>(n->output_shapes.size()); ++i)
      computable.insert({n.get(), i});
    done_layers.push_back(n->layer->name());
    g->nodes.push_back(n);
  }
  for (const auto& t : outputs)
    if (!computable.count(key_of(t)))
      throw ValueError("Graph disconnected: output " + t.name() + " of layer '" +
                       t.node()->layer->name() + "' cannot be computed from the model's inputs");

  // The readers of each tensor (a model output counts as one more), for fuse_next.
  std::map<TensorKey, std::pair<int, int>> readers;  // count, last reading node
  for (int j = 0; j < static_cast<int>(g->nodes.size()); ++j)
    for (const auto& in : g->nodes[static_cast<std::size_t>(j)]->inputs) {
      auto& r = readers[key_of(in)];
      r = {r.first + 1, j};
    }
  for (const auto& t : outputs) ++readers[key_of(t)].first;
  // One positional tensor, one output, and no keyword but defaults (a loaded model's nodes
  // carry {"mask": null}).
  auto plain = [](const Node& n) {
    bool defaults = n.kwargs.is_null() || n.kwargs.is_dict();
    if (n.kwargs.is_dict())
      for (const auto& [keyword, value] : n.kwargs.as_dict())
        defaults = defaults && value.is_null();
    return n.inputs.size() == 1 && n.input_keywords.empty() && n.output_shapes.size() == 1 &&
           defaults;
  };
  g->fuse_next.assign(g->nodes.size(), -1);
  for (std::size_t i = 0; i < g->nodes.size(); ++i) {
    const auto it = readers.find({g->nodes[i].get(), 0});
    if (it == readers.end() || it->second.first != 1 || !plain(*g->nodes[i])) continue;
    const int j = it->second.second;
    if (plain(*g->nodes[static_cast<std::size_t>(j)])) g->fuse_next[i] = j;
  }

  g->layers = std::move(layers);
  g->inputs = std::move(inputs);
  g->outputs = std::move(outputs);
  for (const auto& t : g->inputs) g->input_names.push_back(t.node()->layer->name());
  for (const auto& t : g->outputs) g->output_names.push_back(t.node()->layer->name());
  return g;
}

std::vector<Tensor> FunctionalGraph::run(const std::vector<Tensor>& input_values,
                                         bool training) const {
  if (input_values.size() != inputs.size())
    throw ValueError("Model expects " + std::to_string(inputs.size()) +
                     " input(s), but it received " + std::to_string(input_values.size()) +
                     " input tensors");
  std::map<TensorKey, Tensor> values;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& v = input_values[i];
    const Shape& want = inputs[i].shape();
    bool ok = v.defined() && v.rank() == want.rank();
    // Keras's Functional.input_spec leaves the batch size out (shape_with_no_batch_size): a
    // model saved with batch_input_shape [25, ...] still predicts in batches of 32.
    for (int d = 1; ok && d < want.rank(); ++d)
      if (want[d] >= 0 && want[d] != v.shape()[d]) ok = false;
    if (!ok)
      throw ValueError(
          "Input " + std::to_string(i) + " of the model (\"" + input_names[i] +
          "\") is incompatible: expected shape=" + want.to_string() +
          ", found shape=" + (v.defined() ? v.shape().to_string() : std::string("undefined")));
    // Keras converts inputs to the dtype of their Input (e.g. uint8 images to float32).
    values[key_of(inputs[i])] =
        v.dtype() == inputs[i].dtype() ? v : ops::cast(v, inputs[i].dtype());
  }
  // At inference, a call whose only reader fuses with it (Layer::call_fused) runs as one step
  // with that reader; `fused` marks the readers done that way.
  const bool inference = !training && !autodiff::is_recording();
  std::vector<bool> fused(nodes.size(), false);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    if (fused[i]) continue;
    if (inference && fuse_next[i] >= 0) {
      const auto& next = nodes[static_cast<std::size_t>(fuse_next[i])];
      Tensor out = n->layer->call_fused_checked(values.at(key_of(n->inputs[0])), *next->layer);
      if (out.defined()) {
        values[{next.get(), 0}] = out;
        fused[static_cast<std::size_t>(fuse_next[i])] = true;
        continue;
      }
    }
    std::vector<Tensor> args;
    args.reserve(n->inputs.size());
    for (const auto& in : n->inputs) args.push_back(values.at(key_of(in)));
    // The tensors the call took by keyword follow the positional ones.
    CallKwargs kwargs{n->kwargs.as_dict(), {}};
    for (std::size_t i = 0; i < n->input_keywords.size(); ++i)
      kwargs.tensors[n->input_keywords[i]] = args[n->positional_count() + i];
    args.resize(n->positional_count());
    auto outs = (*n->layer)(args, kwargs, training);
    for (std::size_t i = 0; i < outs.size(); ++i) values[{n.get(), static_cast<int>(i)}] = outs[i];
  }
  std::vector<Tensor> result;
  for (const auto& t : outputs) result.push_back(values.at(key_of(t)));
  return result;
}

}  // namespace keras
