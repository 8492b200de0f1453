#pragma once
// keras.layers.Resizing: resizes images (rank 4, or 3 unbatched) to height x width with
// "bilinear" or "nearest" interpolation (half-pixel centers, no antialiasing, as Keras's default
// on JAX); `crop_to_aspect_ratio` first crops the largest centred window of the target's
// aspect ratio.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ResizingOptions {
  std::string interpolation = "bilinear";  // or "nearest"
  bool crop_to_aspect_ratio = false;
  std::string data_format{};  // empty: the image_data_format setting
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ResizingImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t, std::int64_t>;  // height, width (KERAS_LAYER)
  using Options = ResizingOptions;
  ResizingImpl(std::int64_t height, std::int64_t width, ResizingOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Resizing"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::int64_t height_, width_;
  ResizingOptions options_;
};

KERAS_LAYER(Resizing);

}  // namespace keras::layers
