#pragma once
// keras.layers.UpSampling1D: repeats each step `size` times along the steps axis.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct UpSampling1DOptions {
  std::int64_t size = 2;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class UpSampling1DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = UpSampling1DOptions;
  explicit UpSampling1DImpl(UpSampling1DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "UpSampling1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t size() const { return size_; }

 private:
  std::int64_t size_;
};

KERAS_LAYER(UpSampling1D);

}  // namespace keras::layers
