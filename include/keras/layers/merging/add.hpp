#pragma once
// keras.layers.Add: the elementwise sum of its inputs, broadcast as MergeImpl describes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

class AddImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = LayerOptions;
  explicit AddImpl(LayerOptions options = {}) : MergeImpl(options, "add") {}
  std::string class_name() const override { return "Add"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<AddImpl>(read_options(config, "Add"));
  }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;
};

KERAS_LAYER(Add);

}  // namespace keras::layers
