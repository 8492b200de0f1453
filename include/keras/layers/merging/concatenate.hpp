#pragma once
// keras.layers.Concatenate: joins its inputs along `axis`; every other dimension must match.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

struct ConcatenateOptions {
  int axis = -1;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ConcatenateImpl : public MergeImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ConcatenateOptions;
  explicit ConcatenateImpl(ConcatenateOptions options = {});
  void build_list(const std::vector<Shape>& input_shapes) override;
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  // Keras's: the input masks (all-true for an unmasked input) joined along `axis`, then a
  // position is kept where any of its last-axis entries is.
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& inputs,
                                        const std::vector<Tensor>& previous_masks) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Concatenate"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  int axis() const { return axis_; }

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;

 private:
  int axis_;
};

KERAS_LAYER(Concatenate);

}  // namespace keras::layers
