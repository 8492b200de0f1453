#pragma once
// keras.layers.CenterCrop: the centred height x width window of images (rank 4, or 3
// unbatched); an image smaller than that is resized instead, after cropping it to the target's
// aspect ratio (Keras's smart_resize, bilinear).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct CenterCropOptions {
  std::string data_format{};  // empty: the image_data_format setting
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class CenterCropImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t, std::int64_t>;  // height, width (KERAS_LAYER)
  using Options = CenterCropOptions;
  CenterCropImpl(std::int64_t height, std::int64_t width, CenterCropOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "CenterCrop"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::int64_t height_, width_;
  CenterCropOptions options_;
};

KERAS_LAYER(CenterCrop);

}  // namespace keras::layers
