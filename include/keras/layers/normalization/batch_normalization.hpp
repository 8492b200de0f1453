#pragma once
// keras.layers.BatchNormalization: normalizes each feature along `axis`. In a training call
// (training=true on a trainable layer) with the batch's mean and variance, and updates the
// non-trainable moving statistics as Keras does:
//   moving = moving * momentum + batch_statistic * (1 - momentum);
// otherwise (inference, or a frozen layer) with the moving statistics. `fit` runs training calls,
// so it updates them every step.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct BatchNormalizationOptions {
  int axis = -1;  // the features axis (1 for channels_first images)
  double momentum = 0.99;
  double epsilon = 1e-3;
  bool center = true;  // beta
  bool scale = true;   // gamma
  initializers::Spec beta_initializer = "zeros";
  initializers::Spec gamma_initializer = "ones";
  initializers::Spec moving_mean_initializer = "zeros";
  initializers::Spec moving_variance_initializer = "ones";
  regularizers::Spec beta_regularizer{};
  regularizers::Spec gamma_regularizer{};
  constraints::Spec beta_constraint{};
  constraints::Spec gamma_constraint{};
  // Statistics across devices. keraspp computes a batch on one device, where they are the
  // batch's own, so either value computes the same (Keras on TensorFlow accepts true).
  bool synchronized = false;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BatchNormalizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = BatchNormalizationOptions;
  explicit BatchNormalizationImpl(BatchNormalizationOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "BatchNormalization"; }
  // call(inputs, training=None, mask=None): Keras records the mask default on each node.
  ConfigValue node_kwargs() const override { return ConfigValue::Dict{{"mask", nullptr}}; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const Variable& gamma() const { return gamma_; }  // undefined without scale
  const Variable& beta() const { return beta_; }    // undefined without center
  const Variable& moving_mean() const { return moving_mean_; }
  const Variable& moving_variance() const { return moving_variance_; }
  int axis() const { return options_.axis; }
  // At inference the layer computes x * scale + shift per feature, from the moving statistics,
  // gamma and beta as call() combines them: what a convolution before it folds into its kernel
  // and bias (Conv + BatchNormalization at inference). Both (features,), in `dtype`; undefined
  // unless the layer computes in `dtype` (its output would be cast otherwise).
  std::pair<Tensor, Tensor> inference_scale_shift(DType dtype) const;

 private:
  // The batch statistics of the positions the mask keeps (mask: the inputs' shape without the
  // features axis).
  std::pair<Tensor, Tensor> masked_moments(const Tensor& x, const Tensor& mask) const;
  BatchNormalizationOptions options_;
  Variable gamma_, beta_, moving_mean_, moving_variance_;
  std::vector<int> reduction_axes_;
};

KERAS_LAYER(BatchNormalization);

}  // namespace keras::layers
