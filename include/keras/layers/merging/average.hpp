#pragma once
// keras.layers.Average: the elementwise mean of its inputs, broadcast as MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class AverageImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit AverageImpl(LayerOptions options = {}) : MergeImpl(options, "average") {}
  std::string class_name() const override { return "Average"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<AverageImpl>(read_options(config, "Average"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Average);

}  // namespace keras::layers
