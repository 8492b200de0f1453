#pragma once
// keras.layers.TimeDistributed: applies one layer (one set of weights) to every time step of
// (batch, time, ...) inputs, giving (batch, time, <the layer's output for one step>).
//
//   auto td = layers::TimeDistributed(layers::Dense(10));
//   Tensor y = td(x);  // x (32, 7, 16) -> y (32, 7, 10)
//
// The steps run as one call of the layer on (batch * time, ...): the same result as Keras's
// loop over the steps for every layer that treats the samples of a batch apart. A
// BatchNormalization in training mode does not (its statistics are the batch's), so it is
// called once per step, as Keras does.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct TimeDistributedOptions {
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class TimeDistributedImpl : public Layer {
 public:
  using Positional = std::tuple<std::shared_ptr<Layer>>;  // the layer applied to each step
  using Options = TimeDistributedOptions;
  explicit TimeDistributedImpl(std::shared_ptr<Layer> layer, TimeDistributedOptions options = {});

  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  // Keras saves the wrapped layer's weights under `<layer>/layer`.
  std::string sublayer_attribute(const Layer& sublayer) const override;
  std::string class_name() const override { return "TimeDistributed"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const std::shared_ptr<Layer>& layer() const { return layer_; }

 private:
  std::shared_ptr<Layer> layer_;
  Shape child_input_shape(const Shape& input_shape) const;
};

KERAS_LAYER(TimeDistributed);

}  // namespace keras::layers
