#pragma once
// `ConvLayer`: what Keras's four convolution bases (BaseConv, BaseConvTranspose,
// BaseDepthwiseConv, BaseSeparableConv) each repeat, written once here: the standardized
// geometry (kernel_size, strides, dilation_rate, padding, data_format), the input checks of
// build, the bias, the activation and the config's key layout. Not a Keras class.
#include <cstdint>
#include <string>
#include <vector>

#include "keras/activations/activations.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

// The arguments every convolution layer's options struct has.
struct ConvSharedOptions {
  IntTuple strides, dilation_rate;
  std::string padding, data_format;
  activations::Spec activation;
  bool use_bias = true;
  initializers::Spec bias_initializer;
  regularizers::Spec bias_regularizer;
  constraints::Spec bias_constraint;
  LayerOptions layer;

  template <class Options>
  static ConvSharedOptions of(const Options& o) {
    return {o.strides,          o.dilation_rate,
            o.padding,          o.data_format,
            o.activation,       o.use_bias,
            o.bias_initializer, o.bias_regularizer,
            o.bias_constraint,  {o.name, o.trainable, o.dtype, o.activity_regularizer}};
  }
};

class ConvLayer : public Layer {
 public:
  std::string class_name() const override { return class_name_; }
  int rank() const { return rank_; }
  const std::vector<std::int64_t>& kernel_size() const { return kernel_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }
  const std::vector<std::int64_t>& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  bool use_bias() const { return shared_.use_bias; }
  const Variable& bias() const { return bias_; }  // undefined without use_bias
  const activations::Spec& activation() const { return shared_.activation; }

 protected:
  // Standardizes the geometry as Keras does (ValueError naming the layer on a bad argument);
  // padding "causal" only with `allow_causal`.
  ConvLayer(int rank, std::string class_name, const IntTuple& kernel_size, ConvSharedOptions shared,
            bool allow_causal);

  // "Conv2D layer 'conv2d'": how messages name the layer.
  std::string owner() const;
  // The first steps of build: the channel count of `input_shape` (rank + 2 dims, a defined
  // channel dim), which the input spec then requires.
  std::int64_t build_input_channels(const Shape& input_shape);
  // Adds the "bias" weight of `size` when use_bias.
  void add_bias(std::int64_t size);
  // outputs + bias along the channel axis (when use_bias), then the activation.
  Tensor bias_and_activation(const Tensor& outputs) const;

  // One weight's "<name>_initializer", "<name>_regularizer" and "<name>_constraint".
  struct WeightArgs {
    std::string name;
    initializers::Spec initializer;
    regularizers::Spec regularizer;
    constraints::Spec constraint;
  };
  // The config in Keras's key order: the base keys, `leading` (filters, depth_multiplier),
  // kernel_size, strides, padding, `after_padding` (output_padding), data_format,
  // dilation_rate, `after_dilation` (groups), activation, use_bias, then the initializers of
  // `weights` and the bias, their regularizers and activity_regularizer, their constraints.
  ConfigValue conv_config(const ConfigValue::Dict& leading, const ConfigValue::Dict& after_padding,
                          const ConfigValue::Dict& after_dilation,
                          const std::vector<WeightArgs>& weights) const;

 private:
  int rank_;
  std::string class_name_;
  std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  ConvSharedOptions shared_;
  Variable bias_;
};

}  // namespace keras::layers
