#pragma once
// keras.layers.UpSampling2D: enlarges rows and cols by integer factors, repeating pixels
// ("nearest") or interpolating between them ("bilinear", as jax.image.resize).
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct UpSampling2DOptions {
  IntTuple size = 2;                      // (rows, cols) factors, or one for both
  std::string data_format{};              // empty: keras::config::image_data_format()
  std::string interpolation = "nearest";  // or "bilinear"
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class UpSampling2DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = UpSampling2DOptions;
  explicit UpSampling2DImpl(UpSampling2DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "UpSampling2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const std::vector<std::int64_t>& size() const { return size_; }

 private:
  std::vector<std::int64_t> size_;
  std::string data_format_, interpolation_;
};

KERAS_LAYER(UpSampling2D);

}  // namespace keras::layers
