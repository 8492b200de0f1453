#pragma once
// keras.layers.GroupNormalization: splits the channels (`axis`) into `groups` and normalizes
// each sample over every group's channels and all other non-batch axes; gamma and beta are per
// channel. groups=-1 is instance normalization (one channel per group), groups=1 layer
// normalization over all non-batch axes.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct GroupNormalizationOptions {
  std::int64_t groups = 32;  // must divide the channel count; -1: one group per channel
  int axis = -1;             // the channels axis (1 for channels_first)
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  initializers::Spec beta_initializer = "zeros";
  initializers::Spec gamma_initializer = "ones";
  regularizers::Spec beta_regularizer{};
  regularizers::Spec gamma_regularizer{};
  constraints::Spec beta_constraint{};
  constraints::Spec gamma_constraint{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class GroupNormalizationImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = GroupNormalizationOptions;
  explicit GroupNormalizationImpl(GroupNormalizationOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "GroupNormalization"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t groups() const { return groups_; }  // the channel count once built with -1
  const Variable& gamma() const { return gamma_; }
  const Variable& beta() const { return beta_; }

 private:
  GroupNormalizationOptions options_;
  std::int64_t groups_;
  Variable gamma_, beta_;
};

KERAS_LAYER(GroupNormalization);

}  // namespace keras::layers
