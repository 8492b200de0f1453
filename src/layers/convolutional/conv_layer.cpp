#include "keras/layers/convolutional/conv_layer.hpp"

#include "src/layers/config_helpers.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

ConvLayer::ConvLayer(int rank, std::string class_name, const IntTuple& kernel_size,
                     ConvSharedOptions shared, bool allow_causal)
    : Layer(shared.layer, to_snake_case(class_name)),
      rank_(rank),
      class_name_(std::move(class_name)),
      shared_(std::move(shared)) {
  const auto g =
      detail::standardize_geometry(rank, kernel_size, shared_.strides, shared_.dilation_rate,
                                   shared_.padding, allow_causal, shared_.data_format, owner());
  kernel_size_ = g.kernel_size;
  strides_ = g.strides;
  dilation_rate_ = g.dilation_rate;
  padding_ = g.padding;
  data_format_ = g.data_format;
  input_spec = {detail::conv_input_spec(g)};
}

std::string ConvLayer::owner() const { return detail::conv_owner(*this); }

std::int64_t ConvLayer::build_input_channels(const Shape& input_shape) {
  const auto g = detail::geometry_of(*this);
  const std::int64_t channels = detail::input_channels(*this, input_shape, g);
  input_spec = {detail::conv_input_spec(g, channels)};
  return channels;
}

void ConvLayer::add_bias(std::int64_t size) {
  if (!shared_.use_bias) return;
  bias_ = add_weight({.shape = {size},
                      .initializer = shared_.bias_initializer,
                      .regularizer = shared_.bias_regularizer,
                      .constraint = shared_.bias_constraint,
                      .name = "bias"});
}

Tensor ConvLayer::bias_and_activation(const Tensor& outputs) const {
  const Tensor y = shared_.use_bias ? detail::add_channel_bias(outputs, bias_.value(),
                                                               detail::geometry_of(*this))
                                    : outputs;
  return shared_.activation(y);
}

ConfigValue ConvLayer::conv_config(const ConfigValue::Dict& leading,
                                   const ConfigValue::Dict& after_padding,
                                   const ConfigValue::Dict& after_dilation,
                                   const std::vector<WeightArgs>& weights) const {
  ConfigValue c = Layer::get_config();
  const auto put = [&c](const ConfigValue::Dict& entries) {
    for (const auto& [key, value] : entries) c[key] = value;
  };
  put(leading);
  c["kernel_size"] = ConfigValue::list_of(kernel_size_);
  c["strides"] = ConfigValue::list_of(strides_);
  c["padding"] = padding_;
  put(after_padding);
  c["data_format"] = data_format_;
  c["dilation_rate"] = ConfigValue::list_of(dilation_rate_);
  put(after_dilation);
  c["activation"] = shared_.activation.name();
  c["use_bias"] = shared_.use_bias;
  for (const auto& w : weights) c[w.name + "_initializer"] = serialize_initializer(w.initializer);
  c["bias_initializer"] = serialize_initializer(shared_.bias_initializer);
  for (const auto& w : weights) c[w.name + "_regularizer"] = serialize_regularizer(w.regularizer);
  c["bias_regularizer"] = serialize_regularizer(shared_.bias_regularizer);
  // Always written (null when unset), where the base Layer writes it only when set.
  const auto& activity = activity_regularizer();
  c["activity_regularizer"] = activity ? regularizers::serialize(*activity) : ConfigValue();
  for (const auto& w : weights) c[w.name + "_constraint"] = serialize_constraint(w.constraint);
  c["bias_constraint"] = serialize_constraint(shared_.bias_constraint);
  return c;
}

}  // namespace keras::layers
