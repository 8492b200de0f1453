#pragma once
// keras.layers.Minimum: the elementwise minimum of its inputs, broadcast as MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class MinimumImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit MinimumImpl(LayerOptions options = {}) : MergeImpl(options, "minimum") {}
  std::string class_name() const override { return "Minimum"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<MinimumImpl>(read_options(config, "Minimum"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Minimum);

}  // namespace keras::layers
