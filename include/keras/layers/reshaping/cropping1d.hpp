#pragma once
// keras.layers.Cropping1D: removes cropping from both ends of the steps axis.
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct Cropping1DOptions {
  IntTuple cropping = {1, 1};  // an int for both ends or a (before, after) pair
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class Cropping1DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = Cropping1DOptions;
  explicit Cropping1DImpl(Cropping1DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Cropping1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // (before, after) per spatial dim.
  const std::vector<std::pair<std::int64_t, std::int64_t>>& cropping() const { return cropping_; }

 private:
  std::vector<std::pair<std::int64_t, std::int64_t>> cropping_;
  std::string data_format_;
};

KERAS_LAYER(Cropping1D);

}  // namespace keras::layers
