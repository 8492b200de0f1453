#pragma once
// keras.layers.Cropping2D: removes cropping from both ends of rows and cols.
#include "keras/layers/reshaping/side_pairs.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct Cropping2DOptions {
  SidePairs cropping = 0;     // see SidePairs
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class Cropping2DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = Cropping2DOptions;
  explicit Cropping2DImpl(Cropping2DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Cropping2D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // (before, after) per spatial dim.
  const std::vector<std::pair<std::int64_t, std::int64_t>>& cropping() const { return cropping_; }

 private:
  std::vector<std::pair<std::int64_t, std::int64_t>> cropping_;
  std::string data_format_;
};

KERAS_LAYER(Cropping2D);

}  // namespace keras::layers
