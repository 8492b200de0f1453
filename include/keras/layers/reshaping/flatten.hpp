#pragma once
// keras.layers.Flatten: (batch, d1, d2, ...) -> (batch, d1*d2*...).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct FlattenOptions {
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class FlattenImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = FlattenOptions;
  explicit FlattenImpl(FlattenOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  // Nothing to create, but Keras's Flatten has a build, so its configs carry a build_config.
  void build(const Shape&) override { set_built(true); }
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Flatten"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::string data_format_;
};

KERAS_LAYER(Flatten);

}  // namespace keras::layers
