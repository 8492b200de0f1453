#include "src/layers/convolutional/conv_utils.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/data_format.hpp"

namespace keras::layers::detail {

namespace {

bool channels_last(const ConvGeometry& g) { return g.data_format == "channels_last"; }

// The spatial dims of a rank + 2 shape.
std::vector<std::int64_t> spatial_dims(const Shape& shape, const ConvGeometry& g) {
  std::vector<std::int64_t> d;
  for (int i = 0; i < g.rank; ++i) d.push_back(shape[i + (channels_last(g) ? 1 : 2)]);
  return d;
}

Shape assemble(const Shape& input_shape, const std::vector<std::int64_t>& spatial,
               std::int64_t channels, const ConvGeometry& g) {
  std::vector<std::int64_t> d{input_shape[0]};
  if (!channels_last(g)) d.push_back(channels);
  d.insert(d.end(), spatial.begin(), spatial.end());
  if (channels_last(g)) d.push_back(channels);
  return Shape(d);
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

[[noreturn]] void throw_nonpositive(const Layer& layer, const Shape& input_shape,
                                    std::int64_t filters, const ConvGeometry& g) {
  std::vector<std::int64_t> kernel_shape = g.kernel_size;
  kernel_shape.push_back(input_shape[channels_last(g) ? g.rank + 1 : 1]);
  kernel_shape.push_back(filters);
  throw ValueError(conv_owner(layer) +
                   ": Computed output size would be zero or negative. Received `inputs shape=" +
                   input_shape.to_string() + "`, `kernel shape=" + tuple_string(kernel_shape) +
                   "`, `dilation_rate=" + tuple_string(g.dilation_rate) +
                   "`, `strides=" + tuple_string(g.strides) + "`, `padding=" + g.padding + "`.");
}

}  // namespace

ConvGeometry standardize_geometry(int rank, const IntTuple& kernel_size, const IntTuple& strides,
                                  const IntTuple& dilation_rate, const std::string& padding,
                                  bool allow_causal, const std::string& data_format,
                                  const std::string& owner) {
  ConvGeometry g;
  g.rank = rank;
  g.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size", owner);
  g.strides = standardize_tuple(strides, rank, "strides", owner);
  g.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate", owner);
  g.padding = standardize_padding(padding, allow_causal, owner);
  g.data_format = detail::standardize_data_format(data_format);
  return g;
}

void check_positive(std::int64_t value, const char* name, const std::string& owner) {
  if (value <= 0)
    throw ValueError(owner + ": Invalid value for argument `" + name +
                     "`. Expected a strictly positive value. Received " + name + "=" +
                     std::to_string(value) + ".");
}

void check_strides_with_dilation(const ConvGeometry& g, const std::string& owner) {
  const auto above_one = [](const std::vector<std::int64_t>& v) {
    return std::any_of(v.begin(), v.end(), [](std::int64_t x) { return x > 1; });
  };
  if (above_one(g.strides) && above_one(g.dilation_rate))
    throw ValueError(owner +
                     ": `strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                     "Received: strides=" +
                     tuple_string(g.strides) +
                     " and dilation_rate=" + tuple_string(g.dilation_rate));
}

std::string conv_owner(const Layer& layer) {
  return layer.class_name() + " layer '" + layer.name() + "'";
}

int channel_axis(const ConvGeometry& g) { return channels_last(g) ? -1 : 1; }

InputSpec conv_input_spec(const ConvGeometry& g, std::optional<std::int64_t> channels) {
  InputSpec spec{.ndim = g.rank + 2};
  if (channels) spec.axes[channels_last(g) ? -1 : 1] = *channels;
  return spec;
}

std::int64_t input_channels(const Layer& layer, const Shape& input_shape, const ConvGeometry& g) {
  conv_input_spec(g).check(input_shape, layer.name());
  const std::int64_t channels = input_shape[channels_last(g) ? g.rank + 1 : 1];
  if (channels < 0)
    throw ValueError(conv_owner(layer) +
                     ": The channel dimension of the inputs should be defined. Found None. Full "
                     "input shape received: " +
                     input_shape.to_string());
  return channels;
}

Shape conv_output_shape(const Layer& layer, const Shape& input_shape, std::int64_t filters,
                        const ConvGeometry& g) {
  conv_input_spec(g).check(input_shape, layer.name());
  std::vector<std::int64_t> out = spatial_dims(input_shape, g);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] < 0) continue;  // None stays None
    const std::int64_t k_eff = g.dilation_rate[i] * (g.kernel_size[i] - 1) + 1;
    if (g.padding == "valid") {
      out[i] = floor_div(out[i] - k_eff, g.strides[i]) + 1;
      if (out[i] <= 0) throw_nonpositive(layer, input_shape, filters, g);
    } else {  // "same", "causal"
      out[i] = floor_div(out[i] - 1, g.strides[i]) + 1;
    }
  }
  return assemble(input_shape, out, filters, g);
}

Shape conv_transpose_output_shape(const Layer& layer, const Shape& input_shape,
                                  std::int64_t filters, const ConvGeometry& g,
                                  const std::optional<std::vector<std::int64_t>>& output_padding) {
  conv_input_spec(g).check(input_shape, layer.name());
  std::vector<std::int64_t> out = spatial_dims(input_shape, g);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] < 0) continue;
    const std::int64_t k_eff = g.dilation_rate[i] * (g.kernel_size[i] - 1) + 1, s = g.strides[i];
    const std::int64_t in = out[i];
    if (g.padding == "valid") {
      const std::int64_t pad = output_padding ? (*output_padding)[i] : std::max(k_eff, s) - k_eff;
      out[i] = (in - 1) * s + k_eff + pad;
    } else {
      out[i] = output_padding ? (in - 1) * s + k_eff % 2 + (*output_padding)[i] : in * s;
    }
    if (out[i] <= 0) throw_nonpositive(layer, input_shape, filters, g);
  }
  return assemble(input_shape, out, filters, g);
}

Shape kernel_shape(const std::vector<std::int64_t>& kernel_size, std::int64_t in,
                   std::int64_t out) {
  std::vector<std::int64_t> d = kernel_size;
  d.push_back(in);
  d.push_back(out);
  return Shape(d);
}

Tensor add_channel_bias(const Tensor& outputs, const Tensor& bias, const ConvGeometry& g) {
  if (channels_last(g)) return ops::add(outputs, bias);
  std::vector<std::int64_t> shape(static_cast<std::size_t>(g.rank + 2), 1);
  shape[1] = bias.shape()[0];
  return ops::add(outputs, ops::reshape(bias, Shape(shape)));
}

}  // namespace keras::layers::detail
