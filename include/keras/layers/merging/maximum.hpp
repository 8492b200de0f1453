#pragma once
// keras.layers.Maximum: the elementwise maximum of its inputs, broadcast as MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class MaximumImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit MaximumImpl(LayerOptions options = {}) : MergeImpl(options, "maximum") {}
  std::string class_name() const override { return "Maximum"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MaximumImpl>(read_options(config, "Maximum"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Maximum);

}  // namespace keras::layers
