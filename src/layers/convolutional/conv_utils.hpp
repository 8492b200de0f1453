#pragma once
// What the convolution bases share (internal): Keras's output-shape rules with their checks
// (keras/src/ops/operation_utils.compute_conv_output_shape and backend_utils.
// compute_conv_transpose_output_shape), the input checks of their build(), and the bias.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/shape.hpp"
#include "keras/core/tensor.hpp"
#include "keras/layers/input_spec.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers::detail {

// The spatial geometry of one convolution layer, standardized to `rank` values each.
struct ConvGeometry {
  int rank = 1;
  std::vector<std::int64_t> kernel_size, strides, dilation_rate;
  std::string padding, data_format;
};

// Keras's constructor checks, in its words, each message starting with `owner`: every size
// argument standardized to `rank` positive values, padding ("causal" only where allowed) and
// data_format (empty: the configured image_data_format).
ConvGeometry standardize_geometry(int rank, const IntTuple& kernel_size, const IntTuple& strides,
                                  const IntTuple& dilation_rate, const std::string& padding,
                                  bool allow_causal, const std::string& data_format,
                                  const std::string& owner);
// "Invalid value for argument `filters`. Expected a strictly positive value. ..."
void check_positive(std::int64_t value, const char* name, const std::string& owner);
// Conv and ConvTranspose refuse strides > 1 together with dilation_rate > 1, as Keras does.
void check_strides_with_dilation(const ConvGeometry& g, const std::string& owner);

// The geometry of any of the convolution bases (they share these accessors).
template <class L>
ConvGeometry geometry_of(const L& layer) {
  return {layer.rank(),          layer.kernel_size(), layer.strides(),
          layer.dilation_rate(), layer.padding(),     layer.data_format()};
}

// "Conv2D layer 'conv2d'": how messages name the layer.
std::string conv_owner(const Layer& layer);

// The input spec of a convolution with `channels` input channels (unknown: any): rank + 2 dims.
InputSpec conv_input_spec(const ConvGeometry& g, std::optional<std::int64_t> channels = {});

// The channel count of `input_shape`, after checking it has rank + 2 dims (Keras's InputSpec
// error otherwise) and a defined channel dim.
std::int64_t input_channels(const Layer& layer, const Shape& input_shape, const ConvGeometry& g);

// (batch, spatial..., filters) or (batch, filters, spatial...), kNone staying kNone; a spatial
// size of zero or less under "valid" padding is Keras's "Computed output size would be zero or
// negative" ValueError.
Shape conv_output_shape(const Layer& layer, const Shape& input_shape, std::int64_t filters,
                        const ConvGeometry& g);
Shape conv_transpose_output_shape(const Layer& layer, const Shape& input_shape,
                                  std::int64_t filters, const ConvGeometry& g,
                                  const std::optional<std::vector<std::int64_t>>& output_padding);

// kernel_size + (in, out): every convolution kernel's layout.
Shape kernel_shape(const std::vector<std::int64_t>& kernel_size, std::int64_t in, std::int64_t out);

// outputs + bias along the channel axis.
Tensor add_channel_bias(const Tensor& outputs, const Tensor& bias, const ConvGeometry& g);

}  // namespace keras::layers::detail
