// keras.ops conv, depthwise_conv, separable_conv and conv_transpose on top of the backend's three
// channels-last convolution kernels. Shapes, padding and kernel layouts follow Keras 3 with the JAX
// backend (keras/src/backend/jax/nn.py and keras/src/backend/common/backend_utils.py).
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "src/core/ops/conv_fused.hpp"
#include "src/core/ops/detail.hpp"

namespace keras::ops {
using backend::ConvGeometry;
using detail::be;

namespace {

using Dims3 = std::array<std::int64_t, 3>;

std::string list_string(const std::vector<std::int64_t>& v) { return Shape(v).to_string(); }

Shape x_shape(const ConvGeometry& g) {
  std::vector<std::int64_t> d{g.batch};
  for (int i = 0; i < g.nd; ++i) d.push_back(g.in[static_cast<std::size_t>(i)]);
  d.push_back(g.in_channels);
  return Shape(d);
}
Shape y_shape(const ConvGeometry& g) {
  std::vector<std::int64_t> d{g.batch};
  for (int i = 0; i < g.nd; ++i) d.push_back(g.out[static_cast<std::size_t>(i)]);
  d.push_back(g.out_channels);
  return Shape(d);
}
Shape w_shape(const ConvGeometry& g) {
  std::vector<std::int64_t> d;
  for (int i = 0; i < g.nd; ++i) d.push_back(g.kernel[static_cast<std::size_t>(i)]);
  d.push_back(g.in_channels / g.groups);
  d.push_back(g.out_channels);
  return Shape(d);
}

// The three kernels are each other's gradients (forward: y = x*w, backward_data: dx = dy*w^T,
// backward_filter: dw = x^T*dy), so each records its backward as the other two. This keeps
// conv and conv_transpose (which is backward_data) differentiable in both arguments.
Tensor conv_forward(const ConvGeometry& g, const Tensor& x, const Tensor& w);
Tensor conv_data(const ConvGeometry& g, const Tensor& dy, const Tensor& w);
Tensor conv_filter(const ConvGeometry& g, const Tensor& x, const Tensor& dy);

Tensor conv_forward(const ConvGeometry& g, const Tensor& x, const Tensor& w) {
  Tensor y = empty(y_shape(g), x.dtype());
  be().conv_forward(g, *x.buffer(), *w.buffer(), *y.buffer(), x.dtype());
  // Gradients are computed only for tracked inputs: the first layer's input needs none, and
  // its data gradient would cost as much as the forward pass.
  const bool need_x = x.is_tracked(), need_w = w.is_tracked();
  return autodiff::record(y, {x, w}, [g, x, w, need_x, need_w](const Tensor& grad) {
    Tensor dy = cast(grad, x.dtype());
    return std::vector<Tensor>{need_x ? conv_data(g, dy, w) : Tensor(),
                               need_w ? conv_filter(g, x, dy) : Tensor()};
  });
}

Tensor conv_data(const ConvGeometry& g, const Tensor& dy, const Tensor& w) {
  Tensor dx = empty(x_shape(g), dy.dtype());
  be().conv_backward_data(g, *dy.buffer(), *w.buffer(), *dx.buffer(), dy.dtype());
  const bool need_dy = dy.is_tracked(), need_w = w.is_tracked();
  return autodiff::record(dx, {dy, w}, [g, dy, w, need_dy, need_w](const Tensor& grad) {
    Tensor gx = cast(grad, dy.dtype());
    return std::vector<Tensor>{need_dy ? conv_forward(g, gx, w) : Tensor(),
                               need_w ? conv_filter(g, gx, dy) : Tensor()};
  });
}

Tensor conv_filter(const ConvGeometry& g, const Tensor& x, const Tensor& dy) {
  Tensor dw = empty(w_shape(g), x.dtype());
  be().conv_backward_filter(g, *x.buffer(), *dy.buffer(), *dw.buffer(), x.dtype());
  const bool need_x = x.is_tracked(), need_dy = dy.is_tracked();
  return autodiff::record(dw, {x, dy}, [g, x, dy, need_x, need_dy](const Tensor& grad) {
    Tensor gw = cast(grad, x.dtype());
    return std::vector<Tensor>{need_x ? conv_data(g, dy, gw) : Tensor(),
                               need_dy ? conv_forward(g, x, gw) : Tensor()};
  });
}

// One value per spatial dim, or a single value broadcast to all of them (Keras accepts both).
Dims3 spatial_arg(const std::string& op, const char* name, const std::vector<std::int64_t>& v,
                  int nd, std::int64_t min_value) {
  if (v.size() != 1 && static_cast<int>(v.size()) != nd)
    throw ValueError(op + ": " + name + " must have 1 or " + std::to_string(nd) + " values for " +
                     std::to_string(nd) + "-D inputs, received " + list_string(v));
  Dims3 out{1, 1, 1};
  for (int i = 0; i < nd; ++i) {
    out[static_cast<std::size_t>(i)] = v.size() == 1 ? v[0] : v[static_cast<std::size_t>(i)];
    if (out[static_cast<std::size_t>(i)] < min_value)
      throw ValueError(op + ": " + name + " must be >= " + std::to_string(min_value) +
                       ", received " + list_string(v));
  }
  return out;
}

bool is_channels_first(const std::string& op, const std::string& data_format) {
  if (data_format == "channels_last") return false;
  if (data_format == "channels_first") return true;
  throw ValueError(op + ": data_format must be 'channels_last' or 'channels_first', received '" +
                   data_format + "'");
}

// channels_first is computed by moving channels last and back, since the kernels are NHWC only.
Tensor channels_to_last(const Tensor& x) {
  std::vector<int> perm{0};
  for (int i = 2; i < x.rank(); ++i) perm.push_back(i);
  perm.push_back(1);
  return transpose(x, perm);
}
Tensor channels_to_first(const Tensor& x) {
  std::vector<int> perm{0, x.rank() - 1};
  for (int i = 1; i < x.rank() - 1; ++i) perm.push_back(i);
  return transpose(x, perm);
}

// The kernel's rank fixes the number of spatial dims; the inputs must have two more.
int check_ranks(const std::string& op, const Tensor& inputs, const Tensor& kernel) {
  const int nd = kernel.rank() - 2;
  if (nd < 1 || nd > 3)
    throw ValueError(op +
                     ": expected a kernel of rank 3, 4 or 5 (spatial dims..., in, out), "
                     "received kernel of shape " +
                     kernel.shape().to_string());
  if (inputs.rank() != nd + 2)
    throw ValueError(op + ": expected inputs of rank " + std::to_string(nd + 2) + " for a " +
                     std::to_string(nd) + "-D kernel of shape " + kernel.shape().to_string() +
                     ", received inputs of shape " + inputs.shape().to_string());
  return nd;
}

std::string shapes_note(const Tensor& inputs, const Tensor& kernel) {
  return "inputs of shape " + inputs.shape().to_string() + " and kernel of shape " +
         kernel.shape().to_string();
}

// conv_nd's operands, channels last in one float dtype, and the geometry of their convolution.
struct ConvProblem {
  Tensor x, w;
  ConvGeometry g;
  bool channels_first;
};

// Shared by conv and depthwise_conv: `kernel` is already in conv layout (k..., C/groups, F).
// `orig_*` are the caller's tensors, for error messages.
ConvProblem conv_problem(const std::string& op, const Tensor& inputs, const Tensor& kernel,
                         const ConvOptions& o, const Tensor& orig_kernel) {
  const int nd = kernel.rank() - 2;
  const bool cf = is_channels_first(op, o.data_format);
  if (o.padding != "valid" && o.padding != "same" && !(o.padding == "causal" && nd == 1))
    throw ValueError(op +
                     ": padding must be 'valid' or 'same' ('causal' for 1-D inputs), "
                     "received '" +
                     o.padding + "' for " + std::to_string(nd) + "-D inputs");
  // Keras promotes both operands to one float dtype; the kernels support float32/float64.
  const DType t = detail::float_dtype(detail::result_type(inputs, kernel));
  Tensor x = cast(cf ? channels_to_last(inputs) : inputs, t);
  Tensor w = cast(kernel, t);

  ConvGeometry g;
  g.nd = nd;
  g.batch = x.shape()[0];
  g.in_channels = x.shape().dim(-1);
  g.out_channels = w.shape().dim(-1);
  const std::int64_t kin = w.shape().dim(-2);
  if (kin <= 0 || g.in_channels <= 0 || g.in_channels % kin != 0)
    throw ValueError(op + ": the number of input channels (" + std::to_string(g.in_channels) +
                     ") must be a multiple of the kernel's input channels (" + std::to_string(kin) +
                     "); received " + shapes_note(inputs, orig_kernel));
  g.groups = g.in_channels / kin;
  if (g.out_channels % g.groups != 0)
    throw ValueError(op + ": the kernel's output channels (" + std::to_string(g.out_channels) +
                     ") must be a multiple of the number of groups (" + std::to_string(g.groups) +
                     "); received " + shapes_note(inputs, orig_kernel));
  g.stride = spatial_arg(op, "strides", o.strides, nd, 1);
  g.dilation = spatial_arg(op, "dilation_rate", o.dilation_rate, nd, 1);
  for (int d = 0; d < nd; ++d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int64_t in = x.shape()[d + 1], k = w.shape()[d];
    const std::int64_t k_eff = (k - 1) * g.dilation[i] + 1, s = g.stride[i];
    g.in[i] = in;
    g.kernel[i] = k;
    if (o.padding == "same") {
      // TF/JAX SAME: out = ceil(in / s); the odd padding element goes after.
      g.out[i] = (in + s - 1) / s;
      g.pad_before[i] = std::max<std::int64_t>((g.out[i] - 1) * s + k_eff - in, 0) / 2;
      continue;
    }
    // causal pads (k_eff - 1) on the left only, so output t sees inputs <= t.
    const std::int64_t padded = o.padding == "causal" ? in + k_eff - 1 : in;
    g.pad_before[i] = o.padding == "causal" ? k_eff - 1 : 0;
    if (padded < k_eff)
      throw ValueError(
          op + ": the kernel (dilated size " + std::to_string(k_eff) + " along spatial dim " +
          std::to_string(d) + ") is larger than the padded input (" + std::to_string(padded) +
          "); received " + shapes_note(inputs, orig_kernel) + " with padding '" + o.padding + "'");
    g.out[i] = (padded - k_eff) / s + 1;
  }
  return {x, w, g, cf};
}

Tensor conv_nd(const std::string& op, const Tensor& inputs, const Tensor& kernel,
               const ConvOptions& o, const Tensor& orig_kernel) {
  const ConvProblem p = conv_problem(op, inputs, kernel, o, orig_kernel);
  Tensor y = conv_forward(p.g, p.x, p.w);
  return p.channels_first ? channels_to_first(y) : y;
}

// The fused forward and its gradient: dz = grad masked where relu gave 0 (y > 0 exactly where
// its input was), then the convolution's two gradients of dz and the bias's sum of dz.
Tensor conv_forward_bias_relu(const ConvGeometry& g, const Tensor& x, const Tensor& w,
                              const Tensor* bias, bool relu) {
  Tensor y = empty(y_shape(g), x.dtype());
  be().conv_forward_bias_relu(g, *x.buffer(), *w.buffer(), bias ? bias->buffer().get() : nullptr,
                              relu, *y.buffer(), x.dtype());
  const bool need_x = x.is_tracked(), need_w = w.is_tracked();
  const bool has_bias = bias != nullptr, need_b = has_bias && bias->is_tracked();
  std::vector<Tensor> inputs{x, w};
  if (has_bias) inputs.push_back(*bias);
  return autodiff::record(
      y, inputs, [g, x, w, y, relu, has_bias, need_x, need_w, need_b](const Tensor& grad) {
        Tensor dz = cast(grad, x.dtype());
        if (relu) dz = where(greater(y, 0.0), dz, 0.0);  // relu's gradient, as ops::relu's
        std::vector<Tensor> out{need_x ? conv_data(g, dz, w) : Tensor(),
                                need_w ? conv_filter(g, x, dz) : Tensor()};
        if (has_bias) {
          std::vector<int> axes;
          for (int a = 0; a <= g.nd; ++a) axes.push_back(a);
          out.push_back(need_b ? sum(dz, axes) : Tensor());
        }
        return out;
      });
}

// Keras's (left, right) padding of the dilated input for conv_transpose with the JAX backend
// (_convert_conv_transpose_padding_args_from_keras_to_jax).
std::pair<std::int64_t, std::int64_t> transpose_pads(bool same, std::int64_t k_eff,
                                                     std::int64_t stride,
                                                     std::optional<std::int64_t> out_pad) {
  if (!same) {
    const std::int64_t op = out_pad ? *out_pad : std::max(k_eff, stride) - k_eff;
    return {k_eff - 1, k_eff - 1 + op};
  }
  const std::int64_t pad_len = out_pad ? k_eff + k_eff % 2 - 2 + *out_pad : stride + k_eff - 2;
  const std::int64_t left = std::min(pad_len / 2 + pad_len % 2, k_eff - 1);
  return {left, pad_len - left};
}

}  // namespace

Tensor conv(const Tensor& inputs, const Tensor& kernel, const ConvOptions& options) {
  check_ranks("conv", inputs, kernel);
  return conv_nd("conv", inputs, kernel, options, kernel);
}

Tensor detail::conv_bias_relu(const Tensor& inputs, const Tensor& kernel, const Tensor* bias,
                              bool relu, const ConvOptions& options) {
  check_ranks("conv", inputs, kernel);
  const ConvProblem p = conv_problem("conv", inputs, kernel, options, kernel);
  if (p.channels_first) {
    Tensor y = channels_to_first(conv_forward(p.g, p.x, p.w));
    if (bias) {
      std::vector<std::int64_t> shape(static_cast<std::size_t>(p.g.nd + 2), 1);
      shape[1] = p.g.out_channels;
      y = add(y, reshape(*bias, Shape(shape)));
    }
    return relu ? ops::relu(y) : y;
  }
  if (!bias) return conv_forward_bias_relu(p.g, p.x, p.w, nullptr, relu);
  const Tensor b = cast(*bias, p.x.dtype());
  return conv_forward_bias_relu(p.g, p.x, p.w, &b, relu);
}

Tensor detail::conv_bias_relu_max_pool(const Tensor& inputs, const Tensor& kernel,
                                       const Tensor* bias, bool relu, const ConvOptions& options) {
  check_ranks("conv", inputs, kernel);
  const bool recorded = records_gradient({&inputs, &kernel, bias});
  const ConvProblem p = conv_problem("conv", inputs, kernel, options, kernel);
  if (recorded || p.channels_first || p.g.nd != 2 || p.g.groups != 1)
    return max_pool(conv_bias_relu(inputs, kernel, bias, relu, options),
                    {.pool_size = {2, 2}, .data_format = options.data_format});
  Tensor y = empty(Shape{p.g.batch, p.g.out[0] / 2, p.g.out[1] / 2, p.g.out_channels}, p.x.dtype());
  const Tensor b = bias ? cast(*bias, p.x.dtype()) : Tensor();
  be().conv_forward_bias_relu_max_pool(p.g, *p.x.buffer(), *p.w.buffer(),
                                       bias ? b.buffer().get() : nullptr, relu, *y.buffer(),
                                       p.x.dtype());
  return y;
}

Tensor depthwise_conv(const Tensor& inputs, const Tensor& kernel, const ConvOptions& options) {
  const std::string op = "depthwise_conv";
  const int nd = check_ranks(op, inputs, kernel);
  const std::int64_t channels =
      inputs.shape()[is_channels_first(op, options.data_format) ? 1 : nd + 1];
  if (kernel.shape().dim(-2) != channels)
    throw ValueError(op + ": the kernel's input channels (" +
                     std::to_string(kernel.shape().dim(-2)) +
                     ") must equal the number of input channels (" + std::to_string(channels) +
                     "); received " + shapes_note(inputs, kernel));
  // (k..., C, m) -> (k..., 1, C*m): a grouped conv with C groups whose group c produces output
  // channels c*m .. c*m+m-1, as jax.lax does for Keras.
  std::vector<std::int64_t> dims(kernel.shape().dims().begin(), kernel.shape().dims().end() - 2);
  dims.push_back(1);
  dims.push_back(channels * kernel.shape().dim(-1));
  return conv_nd(op, inputs, reshape(kernel, Shape(dims)), options, kernel);
}

Tensor separable_conv(const Tensor& inputs, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel, const ConvOptions& options) {
  // As Keras's JAX backend: the pointwise step keeps the data format (and the dilation, which
  // a 1-wide kernel ignores).
  ConvOptions pointwise = options;
  pointwise.strides = {1};
  pointwise.padding = "valid";
  return conv(depthwise_conv(inputs, depthwise_kernel, options), pointwise_kernel, pointwise);
}

Tensor conv_transpose(const Tensor& inputs, const Tensor& kernel, const ConvTransposeOptions& o) {
  const std::string op = "conv_transpose";
  const int nd = check_ranks(op, inputs, kernel);
  const bool cf = is_channels_first(op, o.data_format);
  if (o.padding != "valid" && o.padding != "same")
    throw ValueError(op + ": padding must be 'valid' or 'same', received '" + o.padding + "'");
  const DType t = detail::float_dtype(detail::result_type(inputs, kernel));
  Tensor x = cast(cf ? channels_to_last(inputs) : inputs, t);
  Tensor w = cast(kernel, t);
  if (w.shape().dim(-1) != x.shape().dim(-1))
    throw ValueError(
        op + ": the kernel's last dim (input channels, " + std::to_string(w.shape().dim(-1)) +
        ") must equal the number of input channels (" + std::to_string(x.shape().dim(-1)) +
        "); received " + shapes_note(inputs, kernel) + " (kernel layout is (k..., filters, in))");

  // conv_transpose is the data gradient of a forward conv that maps the (larger) output, with
  // `filters` channels, back to the inputs: the forward conv's in/out are our out/in.
  ConvGeometry g;
  g.nd = nd;
  g.batch = x.shape()[0];
  g.in_channels = w.shape().dim(-2);
  g.out_channels = w.shape().dim(-1);
  g.groups = 1;
  g.stride = spatial_arg(op, "strides", o.strides, nd, 1);
  g.dilation = spatial_arg(op, "dilation_rate", o.dilation_rate, nd, 1);
  std::optional<Dims3> out_pad;
  if (o.output_padding) out_pad = spatial_arg(op, "output_padding", *o.output_padding, nd, 0);
  for (int d = 0; d < nd; ++d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int64_t in = x.shape()[d + 1], k = w.shape()[d];
    const std::int64_t k_eff = (k - 1) * g.dilation[i] + 1, s = g.stride[i];
    auto [left, right] = transpose_pads(o.padding == "same", k_eff, s,
                                        out_pad ? std::optional((*out_pad)[i]) : std::nullopt);
    // JAX dilates the input by the stride, pads (left, right) and runs a stride-1 conv with
    // the flipped kernel; as a backward_data, that is a forward pad of k_eff - 1 - left.
    const std::int64_t out_len = (in - 1) * s + 1 + left + right - k_eff + 1;
    if (out_len < 0 || (out_len == 0 && in > 0))
      throw ValueError(op + ": the computed output size along spatial dim " + std::to_string(d) +
                       " is " + std::to_string(out_len) + "; received " +
                       shapes_note(inputs, kernel));
    g.in[i] = out_len;
    g.out[i] = in;
    g.kernel[i] = k;
    g.pad_before[i] = k_eff - 1 - left;
  }
  Tensor y = conv_data(g, x, w);
  return cf ? channels_to_first(y) : y;
}

}  // namespace keras::ops
