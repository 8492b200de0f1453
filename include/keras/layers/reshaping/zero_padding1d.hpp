#pragma once
// keras.layers.ZeroPadding1D: adds zeros at both ends of the steps axis.
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ZeroPadding1DOptions {
  IntTuple padding = 1;       // an int for both ends or a (before, after) pair
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ZeroPadding1DImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ZeroPadding1DOptions;
  explicit ZeroPadding1DImpl(ZeroPadding1DOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "ZeroPadding1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // (before, after) per spatial dim.
  const std::vector<std::pair<std::int64_t, std::int64_t>>& padding() const { return padding_; }

 private:
  std::vector<std::pair<std::int64_t, std::int64_t>> padding_;
  std::string data_format_;
};

KERAS_LAYER(ZeroPadding1D);

}  // namespace keras::layers
