#pragma once
// The base of the merging layers (keras.layers.Add, Concatenate, Dot, ...), as Keras's Merge:
// called on a list of tensors, one output. The elementwise merges broadcast their inputs: the
// shapes after the batch dimension must agree where both are known, or be 1, and an input of
// lower rank gets axes inserted after its batch dimension first. A subclass defines only
// merge_function; Concatenate and Dot also check their own shape rules.
#include <vector>

#include "keras/layers/layer.hpp"

namespace keras::layers {

class MergeImpl : public Layer {
 public:
  void build_list(const std::vector<Shape>& input_shapes) override;
  // A list of one tensor (Keras accepts it; a C++ call on one tensor arrives here too).
  void build(const Shape& input_shape) override { build_list({input_shape}); }
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  // Keras's Merge.compute_mask: none unless every input has a mask; then a step is kept where
  // any input keeps it.
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& inputs,
                                        const std::vector<Tensor>& previous_masks) override;

 protected:
  MergeImpl(const LayerOptions& options, std::string default_prefix)
      : Layer(options, std::move(default_prefix)) {
    set_supports_masking(true);
  }
  // The merge of inputs of one rank.
  virtual Tensor merge_function(const std::vector<Tensor>& inputs) = 0;
  // op(op(inputs[0], inputs[1]), inputs[2]) ...: the elementwise merges.
  static Tensor fold(const std::vector<Tensor>& inputs, Tensor (*op)(const Tensor&, const Tensor&));
  // The base keys, all a plain merge layer's config has (Add, Subtract, ...).
  static LayerOptions read_options(const ConfigValue& config, const std::string& class_name);
  // A ValueError "<what>. Received: input_shape=[(2, 3), (2, 4)]", naming the layer.
  [[noreturn]] void throw_shapes(const std::string& what, const std::vector<Shape>& shapes) const;
};

}  // namespace keras::layers
