#pragma once
// keras.layers.Dot: the batchwise dot product of two inputs, summed over one axis of each
// (Keras's batch_dot); with `normalize`, the cosine similarity along those axes.
#include "keras/layers/merging/merge.hpp"

namespace keras::layers {

// Dot's `axes`: one axis for both inputs (`Dot(1)`), or one per input (`Dot({2, 1})`).
// Negative axes count from the end of each input; the batch axis 0 cannot be reduced.
struct DotAxes {
  DotAxes(int axis) : axes{axis} {}
  DotAxes(int first, int second) : axes{first, second} {}
  std::vector<int> axes;  // one or two entries
};

struct DotOptions {
  bool normalize = false;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class DotImpl : public MergeImpl {
 public:
  // The product has no steps to mask (Keras's Dot.compute_mask returns None).
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>&,
                                        const std::vector<Tensor>&) override {
    return {Tensor()};
  }
  using Positional = std::tuple<DotAxes>;  // the handle's constructors (KERAS_LAYER)
  using Options = DotOptions;
  explicit DotImpl(DotAxes axes, DotOptions options = {});
  void build_list(const std::vector<Shape>& input_shapes) override;
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Dot"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 protected:
  Tensor merge_function(const std::vector<Tensor>& inputs) override;

 private:
  DotAxes axes_;
  DotOptions options_;
  // The two reduced axes, non-negative, for inputs of these shapes (checked).
  std::pair<int, int> reduced_axes(const std::vector<Shape>& shapes) const;
};

KERAS_LAYER(Dot);

}  // namespace keras::layers
