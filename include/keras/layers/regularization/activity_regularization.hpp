#pragma once
// keras.layers.ActivityRegularization: the identity, whose call adds l1 * sum(|x|) +
// l2 * sum(x^2), divided by the batch size, to the layer's losses() (Keras sets an L1L2 activity
// regularizer on the base Layer). In training and at inference alike, as in Keras.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct ActivityRegularizationOptions {
  double l1 = 0.0;
  double l2 = 0.0;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class ActivityRegularizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = ActivityRegularizationOptions;
  explicit ActivityRegularizationImpl(ActivityRegularizationOptions options = {});
  Tensor call(const Tensor& inputs, bool) override { return inputs; }
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  // Keras's keys: l1 and l2 (not the activity_regularizer they make).
  ConfigValue get_config() const override;
  std::string class_name() const override { return "ActivityRegularization"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  double l1() const { return l1_; }
  double l2() const { return l2_; }

 private:
  double l1_, l2_;
};

KERAS_LAYER(ActivityRegularization);

}  // namespace keras::layers
