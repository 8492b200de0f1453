#pragma once
// keras.layers.Subtract: its first input minus its second (exactly two inputs), broadcast as
// MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class SubtractImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit SubtractImpl(LayerOptions options = {}) : MergeImpl(options, "subtract") {}
  void build_list(const std::vector<Shape>& input_shapes) override;
  std::string class_name() const override { return "Subtract"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<SubtractImpl>(read_options(config, "Subtract"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Subtract);

}  // namespace keras::layers
