#pragma once
// keras.layers.Cropping3D: removes cropping from both ends of the three spatial dims.
#include "keras/layers/reshaping/side_pairs.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct Cropping3DOptions {
  SidePairs cropping = 1;     // see SidePairs
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class Cropping3DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = Cropping3DOptions;
  explicit Cropping3DImpl(Cropping3DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Cropping3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // (before, after) per spatial dim.
  const std::vector<std::pair<std::int64_t, std::int64_t>>& cropping() const { return cropping_; }

 private:
  std::vector<std::pair<std::int64_t, std::int64_t>> cropping_;
  std::string data_format_;
};

KERAS_LAYER(Cropping3D);

}  // namespace keras::layers
