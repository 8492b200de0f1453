#include "keras/core/autodiff.hpp"

#include <unordered_map>
#include <unordered_set>

#include "keras/core/ops.hpp"
#include "keras/core/variable.hpp"
#include "src/core/variable_state.hpp"

namespace keras {
namespace {
thread_local int g_tape_depth = 0;
thread_local int g_no_grad_depth = 0;
}  // namespace

namespace autodiff {

bool is_recording() { return g_tape_depth > 0 && g_no_grad_depth == 0; }

namespace {

bool any_tracked(const std::vector<Tensor>& inputs) {
  for (const auto& in : inputs)
    if (in.is_tracked()) return true;
  return false;
}

std::shared_ptr<Node> node_over(const std::vector<Tensor>& inputs) {
  auto node = std::make_shared<Node>();
  node->inputs.reserve(inputs.size());
  for (const auto& in : inputs) node->inputs.push_back(in.defined() ? in.impl().node : nullptr);
  return node;
}

// The output is a fresh value: give it its own impl so the node is not shared by aliases.
Tensor attach(const Tensor& output, std::shared_ptr<Node> node) {
  node->shape = output.shape();
  node->dtype = output.dtype();
  auto impl = std::make_shared<TensorImpl>(output.impl());
  impl->node = std::move(node);
  impl->keras_mask = nullptr;
  return Tensor(std::move(impl));
}

}  // namespace

Tensor record(Tensor output, const std::vector<Tensor>& inputs, BackwardFn backward) {
  if (!is_recording() || !any_tracked(inputs)) return output;
  auto node = node_over(inputs);
  node->backward = std::move(backward);
  return attach(output, std::move(node));
}

std::vector<Tensor> record_multi(std::vector<Tensor> outputs, const std::vector<Tensor>& inputs,
                                 MultiBackwardFn backward) {
  if (!is_recording() || !any_tracked(inputs)) return outputs;
  auto op = node_over(inputs);
  op->backward_multi = std::move(backward);
  op->outputs = outputs.size();
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    auto node = std::make_shared<Node>();
    node->inputs.push_back(op);
    node->output_index = static_cast<int>(k);
    outputs[k] = attach(outputs[k], std::move(node));
  }
  return outputs;
}

}  // namespace autodiff

GradientTape::GradientTape() { ++g_tape_depth; }
GradientTape::~GradientTape() {
  --g_tape_depth;
  for (auto& [impl, node] : watched_)
    if (--node->watchers == 0)
      if (auto alive = impl.lock(); alive && alive->node == node) alive->node = nullptr;
}

Tensor GradientTape::watch(const Tensor& t) {
  const auto& existing = t.impl().node;
  if (existing && existing->watchers > 0) {  // watched by an enclosing tape too: share it
    ++existing->watchers;
    watched_.emplace_back(t.impl_ptr(), existing);
  } else if (!existing) {
    auto node = std::make_shared<autodiff::Node>();
    node->watchers = 1;
    node->shape = t.shape();
    node->dtype = t.dtype();
    // Autodiff metadata, not the value: a tensor stays immutable while being watched.
    const_cast<TensorImpl&>(t.impl()).node = node;
    watched_.emplace_back(t.impl_ptr(), std::move(node));
  }
  return t;
}

std::vector<Tensor> GradientTape::gradient(const Tensor& target, const std::vector<Tensor>& sources,
                                           const Tensor& output_gradient) {
  using autodiff::Node;
  NoGrad no_grad;
  std::vector<Tensor> result(sources.size());
  auto root = target.impl().node;
  if (!root) return result;

  // Reverse topological order by iterative DFS (post-order), so deep graphs cannot overflow.
  std::vector<Node*> order;
  std::unordered_set<Node*> visited;
  std::vector<std::pair<Node*, std::size_t>> stack{{root.get(), 0}};
  visited.insert(root.get());
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < node->inputs.size()) {
      Node* child = node->inputs[next++].get();
      if (child && visited.insert(child).second) stack.push_back({child, 0});
    } else {
      order.push_back(node);
      stack.pop_back();
    }
  }

  std::unordered_set<Node*> wanted;  // source gradients are kept even for intermediate nodes
  for (const auto& s : sources)
    if (s.defined() && s.impl().node) wanted.insert(s.impl().node.get());
  std::unordered_map<Node*, Tensor> grads;
  // Multi-output ops: their outputs' gradients, gathered until the op's node comes up.
  std::unordered_map<Node*, std::vector<Tensor>> output_grads;
  grads[root.get()] = output_gradient.defined() ? ops::cast(output_gradient, target.dtype())
                                                : ops::ones(target.shape(), target.dtype());
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    Node* node = *it;
    std::vector<Tensor> input_grads;
    if (node->backward_multi) {
      // Every output node comes before its op's node in this order.
      auto g = output_grads.find(node);
      if (g == output_grads.end()) continue;
      input_grads = node->backward_multi(g->second);
      output_grads.erase(g);
    } else {
      auto g = grads.find(node);
      if (g == grads.end()) continue;
      if (node->output_index >= 0) {
        Node* op = node->inputs[0].get();
        auto [slot, inserted] = output_grads.try_emplace(op, op->outputs);
        slot->second[static_cast<std::size_t>(node->output_index)] = g->second;
        if (node != root.get() && !wanted.count(node)) grads.erase(g);
        continue;
      }
      if (!node->backward) continue;
      input_grads = node->backward(g->second);
    }
    for (std::size_t i = 0; i < node->inputs.size() && i < input_grads.size(); ++i) {
      Node* child = node->inputs[i].get();
      if (!child || !input_grads[i].defined()) continue;
      Tensor gi = input_grads[i];
      if (gi.dtype() != child->dtype && is_floating(child->dtype)) gi = ops::cast(gi, child->dtype);
      auto [slot, inserted] = grads.try_emplace(child, gi);
      if (!inserted) slot->second = ops::add(slot->second, gi);
    }
    // Free intermediate gradients as soon as they are consumed.
    if (node != root.get() && !wanted.count(node)) grads.erase(node);
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!sources[i].defined() || !sources[i].impl().node) continue;
    auto g = grads.find(sources[i].impl().node.get());
    if (g != grads.end()) result[i] = g->second;
  }
  return result;
}

std::vector<Tensor> GradientTape::gradient(const Tensor& target,
                                           const std::vector<Variable*>& sources) {
  std::vector<Tensor> leaves;
  leaves.reserve(sources.size());
  for (auto* v : sources) leaves.push_back(VariableAccess::leaf(*v));
  return gradient(target, leaves);
}

std::vector<Tensor> GradientTape::gradient(const Tensor& target,
                                           const std::vector<Variable>& sources) {
  std::vector<Tensor> leaves;
  leaves.reserve(sources.size());
  for (const auto& v : sources) leaves.push_back(VariableAccess::leaf(v));
  return gradient(target, leaves);
}

NoGrad::NoGrad() { ++g_no_grad_depth; }
NoGrad::~NoGrad() { --g_no_grad_depth; }

}  // namespace keras
