#pragma once
// keras.layers.RepeatVector: (batch, features) -> (batch, n, features).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct RepeatVectorOptions {
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class RepeatVectorImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = RepeatVectorOptions;
  explicit RepeatVectorImpl(std::int64_t n, RepeatVectorOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "RepeatVector"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t n() const { return n_; }

 private:
  std::int64_t n_;
};

KERAS_LAYER(RepeatVector);

}  // namespace keras::layers
