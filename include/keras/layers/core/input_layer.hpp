#pragma once
// keras.Input / keras.layers.InputLayer: the entry of a functional graph.
#include <optional>

#include "keras/layers/layer.hpp"

namespace keras {

struct InputOptions {
  std::optional<std::int64_t> batch_size{};  // none: unknown (None)
  std::string dtype{};                       // empty: floatx
  std::string name{};                        // empty: "input_layer", "input_layer_1", ...
};

namespace layers {
class InputLayerImpl;
}
// keras.Input(shape): `shape` excludes the batch dimension; kNone marks unknown sizes.
KerasTensor Input(Shape shape, InputOptions options = {});

namespace layers {

class InputLayerImpl : public Layer {
 public:
  // `batch_shape` includes the batch dimension (kNone for unknown).
  InputLayerImpl(Shape batch_shape, std::string dtype = "", std::string name = "");
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "InputLayer"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const Shape& batch_shape() const { return batch_shape_; }
  DType dtype() const { return dtype_; }

 private:
  Shape batch_shape_;
  DType dtype_;
};

// The symbolic tensor an input layer feeds into a graph (a new node; call once per layer).
// The layer does not keep it: the tensor's node owns the layer, not the other way round.
KerasTensor make_input_tensor(const std::shared_ptr<InputLayerImpl>& layer);

}  // namespace layers

}  // namespace keras
