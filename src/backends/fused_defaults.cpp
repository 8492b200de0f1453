// The default fused kernels of the interface: each is its parts run one after another on the
// backend's own kernels, so a backend without a fused version gets the same result.
#include <vector>

#include "keras/backends/backend.hpp"

namespace keras::backend {

void Backend::conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                     const Buffer* bias, bool relu, Buffer& y, DType dtype) {
  conv_forward(g, x, w, y, dtype);
  std::vector<std::int64_t> dims{g.batch};
  for (int d = 0; d < g.nd; ++d) dims.push_back(g.out[static_cast<std::size_t>(d)]);
  dims.push_back(g.out_channels);
  const Shape shape(dims);
  if (bias) {
    // y (contiguous) + bias broadcast along every axis but the channels.
    std::vector<std::int64_t> y_strides(dims.size()), bias_strides(dims.size(), 0);
    std::int64_t s = 1;
    for (std::size_t i = dims.size(); i-- > 0;) y_strides[i] = s, s *= dims[i];
    bias_strides.back() = 1;
    binary(BinaryOp::add, {&y, y_strides}, {bias, bias_strides}, y, shape, dtype);
  }
  if (relu) unary(UnaryOp::relu, y, y, shape.size(), dtype, 0.0);
}

void Backend::matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu) {
  matmul(args);
  const Shape shape{args.m, args.n};
  if (bias)
    binary(BinaryOp::add, {args.out, {args.n, 1}}, {bias, {0, 1}}, *args.out, shape, args.dtype);
  if (relu) unary(UnaryOp::relu, *args.out, *args.out, args.m * args.n, args.dtype, 0.0);
}

void Backend::conv_forward_bias_relu_max_pool(const ConvGeometry& g, const Buffer& x,
                                              const Buffer& w, const Buffer* bias, bool relu,
                                              Buffer& y, DType dtype) {
  const std::int64_t full = g.batch * g.out[0] * g.out[1] * g.out_channels;
  BufferPtr conv = allocate(static_cast<std::size_t>(full) * dtype_size(dtype));
  conv_forward_bias_relu(g, x, w, bias, relu, *conv, dtype);
  PoolGeometry p;
  p.batch = g.batch;
  p.channels = g.out_channels;
  p.in = {g.out[0], g.out[1], 1};
  p.out = {g.out[0] / 2, g.out[1] / 2, 1};
  p.window = p.stride = {2, 2, 1};
  pool_forward(PoolOp::max, p, *conv, y, dtype);
}

}  // namespace keras::backend
