#pragma once
// keras.layers.Permute: reorders the non-batch axes; `dims` numbers them from 1.
#include <vector>

#include "keras/layers/layer.hpp"

namespace keras::layers {

struct PermuteOptions {
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class PermuteImpl : public Layer {
 public:
  using Positional = std::tuple<std::vector<int>>;  // the handle's constructors (KERAS_LAYER)
  using Options = PermuteOptions;
  explicit PermuteImpl(std::vector<int> dims, PermuteOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Permute"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const std::vector<int>& dims() const { return dims_; }

 private:
  std::vector<int> dims_;
};

KERAS_LAYER(Permute);

}  // namespace keras::layers
