#pragma once
// keras.layers.Multiply: the elementwise product of its inputs, broadcast as MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class MultiplyImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit MultiplyImpl(LayerOptions options = {}) : MergeImpl(options, "multiply") {}
  std::string class_name() const override { return "Multiply"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MultiplyImpl>(read_options(config, "Multiply"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Multiply);

}  // namespace keras::layers
