#pragma once
// The graph of a functional model: its input and output KerasTensors and the layer calls
// between them, ordered as Keras orders them (by depth from the outputs, then by traversal).
#include <memory>
#include <string>
#include <vector>

#include "keras/layers/keras_tensor.hpp"
#include "keras/layers/layer.hpp"

namespace keras {

struct FunctionalGraph {
  std::vector<KerasTensor> inputs{};
  std::vector<KerasTensor> outputs{};
  std::vector<std::string> input_names{};   // dict keys, or the input layers' names
  std::vector<std::string> output_names{};  // dict keys, or the producing layers' names
  bool dict_inputs = false, dict_outputs = false;
  bool list_inputs = false, list_outputs = false;
  std::vector<std::shared_ptr<Node>> nodes{};    // execution order (inputs first), no input nodes
  std::vector<std::shared_ptr<Layer>> layers{};  // unique, Keras's order, input layers included
  // Per node: the index of the node that may run fused with it at inference (Layer::call_fused),
  // or -1. That node is the only reader of this node's one output, which is no model output,
  // and both take one positional tensor and no keyword.
  std::vector<int> fuse_next{};

  // Walks back from `outputs`; throws ValueError "Graph disconnected ..." when an output
  // depends on a tensor that is not computed from `inputs`.
  static std::shared_ptr<FunctionalGraph> build(std::vector<KerasTensor> inputs,
                                                std::vector<KerasTensor> outputs);
  std::vector<Tensor> run(const std::vector<Tensor>& input_values, bool training) const;
};

}  // namespace keras
