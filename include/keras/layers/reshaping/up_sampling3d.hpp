#pragma once
// keras.layers.UpSampling3D: repeats each voxel size[i] times along the three spatial dims.
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct UpSampling3DOptions {
  IntTuple size = 2;          // one factor per spatial dim, or one for all
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class UpSampling3DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = UpSampling3DOptions;
  explicit UpSampling3DImpl(UpSampling3DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "UpSampling3D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const std::vector<std::int64_t>& size() const { return size_; }

 private:
  std::vector<std::int64_t> size_;
  std::string data_format_;
};

KERAS_LAYER(UpSampling3D);

}  // namespace keras::layers
