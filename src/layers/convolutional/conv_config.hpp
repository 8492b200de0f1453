#pragma once
// Reading and writing the convolution layers' configs (internal): the keys all four bases share
// (ConvOptions, ConvTransposeOptions, DepthwiseConvOptions, SeparableConvOptions), and each
// base's reader, which its layers' from_config call.
#include <string>

#include "keras/core/errors.hpp"
#include "keras/layers/convolutional/base_conv.hpp"
#include "keras/layers/convolutional/base_conv_transpose.hpp"
#include "keras/layers/convolutional/base_depthwise_conv.hpp"
#include "keras/layers/convolutional/base_separable_conv.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers::detail {

// One weight's "<name>_initializer" (glorot_uniform when missing or null, as the bias's
// zeros), "<name>_regularizer" and "<name>_constraint".
inline void read_weight_args(keras::detail::ConfigReader& r, const std::string& name,
                             initializers::Spec& initializer, regularizers::Spec& regularizer,
                             constraints::Spec& constraint) {
  const std::string key = name + "_initializer";
  if (r.present(key))
    initializer = read_initializer(r.raw(key), name == "bias" ? "zeros" : "glorot_uniform");
  regularizer = read_regularizer(r.raw(name + "_regularizer"));
  constraint = read_constraint(r.raw(name + "_constraint"));
}

// The base keys, strides, padding, data_format, dilation_rate, activation, use_bias and the
// bias's initializer, regularizer and constraint; Keras's defaults for missing or null keys.
template <class Options>
void read_conv_common(keras::detail::ConfigReader& r, Options& o) {
  read_base_options(r, o);
  o.strides = read_int_tuple(r, "strides", 1);
  o.padding = r.string("padding", "valid");
  o.data_format = r.string("data_format", "");
  o.dilation_rate = read_int_tuple(r, "dilation_rate", 1);
  o.activation = r.string("activation", "linear");
  o.use_bias = r.boolean("use_bias", true);
  read_weight_args(r, "bias", o.bias_initializer, o.bias_regularizer, o.bias_constraint);
}

// tf.keras's transposed, depthwise and separable convolutions derive from its Conv and write
// its `groups` (always 1); Keras 3 has no such argument for them, so only 1 is taken.
inline void read_unit_groups(keras::detail::ConfigReader& r) {
  const std::int64_t groups = r.integer("groups", 1);
  if (groups != 1)
    throw ValueError(r.owner() + ": `groups` must be 1 for this layer (Keras 3 has no grouped " +
                     "form of it); received groups=" + std::to_string(groups));
}

// A convolution layer's constructor arguments as read from its config.
template <class Options>
struct ConvArgs {
  std::int64_t filters = 0;  // unused by the depthwise layers
  IntTuple kernel_size = 1;
  Options options{};
};
// Each base's from_config reading (defined next to the base); `class_name` names the layer in
// messages.
ConvArgs<ConvOptions> read_conv_config(const ConfigValue& config, const std::string& class_name);
ConvArgs<ConvTransposeOptions> read_conv_transpose_config(const ConfigValue& config,
                                                          const std::string& class_name);
ConvArgs<DepthwiseConvOptions> read_depthwise_conv_config(const ConfigValue& config,
                                                          const std::string& class_name);
ConvArgs<SeparableConvOptions> read_separable_conv_config(const ConfigValue& config,
                                                          const std::string& class_name);

}  // namespace keras::layers::detail
