#include "src/layers/preprocessing/image_resize.hpp"

#include <algorithm>
#include <cmath>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers::detail {

namespace {

// The (out, in) matrix of one axis's resize, as jax.image's compute_weight_mat (bilinear:
// triangle kernel) or _resize_nearest (a one-hot row per output index).
Tensor resize_matrix(std::int64_t in, std::int64_t out, const std::string& interpolation,
                     DType dtype) {
  std::vector<double> m(static_cast<std::size_t>(in * out), 0.0);
  const double scale = static_cast<double>(out) / static_cast<double>(in);
  for (std::int64_t o = 0; o < out; ++o) {
    double* row = m.data() + o * in;
    if (interpolation == "nearest") {
      const auto i = static_cast<std::int64_t>(
          std::floor((static_cast<double>(o) + 0.5) * static_cast<double>(in) / out));
      row[std::min(i, in - 1)] = 1.0;
      continue;
    }
    const double sample = (static_cast<double>(o) + 0.5) / scale - 0.5;
    if (sample < -0.5 || sample > static_cast<double>(in) - 0.5) continue;  // outside: zero
    double total = 0.0;
    for (std::int64_t i = 0; i < in; ++i) {
      row[i] = std::max(0.0, 1.0 - std::abs(sample - static_cast<double>(i)));
      total += row[i];
    }
    if (total > 0.0)
      for (std::int64_t i = 0; i < in; ++i) row[i] /= total;
  }
  return ops::cast(tensor<double>(m, Shape{out, in}), dtype);
}

// Batched (N, C, H, W) view of rank-3 or rank-4 images, and the way back.
Tensor to_nchw(const Tensor& x, bool channels_last) {
  Tensor b = x.shape().rank() == 3 ? ops::expand_dims(x, 0) : x;
  return channels_last ? ops::transpose(b, {0, 3, 1, 2}) : b;
}
Tensor from_nchw(const Tensor& y, bool channels_last, int rank) {
  Tensor b = channels_last ? ops::transpose(y, {0, 2, 3, 1}) : y;
  return rank == 3 ? ops::squeeze(b, 0) : b;
}

// Height and width axes of images of `rank`.
std::pair<int, int> spatial_axes(int rank, bool channels_last) {
  return channels_last ? std::pair{rank - 3, rank - 2} : std::pair{rank - 2, rank - 1};
}

Tensor window(const Tensor& images, std::int64_t top, std::int64_t left, std::int64_t height,
              std::int64_t width, bool channels_last) {
  const Shape& s = images.shape();
  const auto [h_axis, w_axis] = spatial_axes(s.rank(), channels_last);
  std::vector<std::int64_t> start(static_cast<std::size_t>(s.rank()), 0), size(s.dims());
  start[static_cast<std::size_t>(h_axis)] = top;
  start[static_cast<std::size_t>(w_axis)] = left;
  size[static_cast<std::size_t>(h_axis)] = height;
  size[static_cast<std::size_t>(w_axis)] = width;
  return ops::slice(images, start, size);
}

}  // namespace

void check_image_rank(const Shape& shape, const std::string& layer) {
  if (shape.rank() != 3 && shape.rank() != 4)
    throw ValueError(layer +
                     ": Invalid images rank: expected rank 3 (single image) or rank 4 (batch of "
                     "images). Received input with shape: images.shape=" +
                     shape.to_string());
}

Shape image_shape_at(const Shape& shape, std::int64_t height, std::int64_t width,
                     bool channels_last, const std::string& layer) {
  check_image_rank(shape, layer);
  Shape out = shape;
  out[channels_last ? -3 : -2] = height;
  out[channels_last ? -2 : -1] = width;
  return out;
}

Tensor resize_images(const Tensor& images, std::int64_t height, std::int64_t width,
                     const std::string& interpolation, bool channels_last) {
  const int rank = images.shape().rank();
  Tensor x = to_nchw(images, channels_last);
  const DType dtype = x.dtype();
  const std::int64_t in_h = x.shape()[2], in_w = x.shape()[3];
  // (oh, H) @ x (N, C, H, W) @ (W, ow): rows, then columns.
  if (in_h != height) x = ops::matmul(resize_matrix(in_h, height, interpolation, dtype), x);
  if (in_w != width)
    x = ops::matmul(x, ops::transpose(resize_matrix(in_w, width, interpolation, dtype)));
  return from_nchw(x, channels_last, rank);
}

Tensor center_window(const Tensor& images, std::int64_t height, std::int64_t width,
                     bool channels_last) {
  const auto [h_axis, w_axis] = spatial_axes(images.shape().rank(), channels_last);
  const std::int64_t top = (images.shape()[h_axis] - height) / 2;
  const std::int64_t left = (images.shape()[w_axis] - width) / 2;
  return window(images, top, left, height, width, channels_last);
}

Tensor crop_to_aspect_ratio(const Tensor& images, std::int64_t height, std::int64_t width,
                            bool channels_last) {
  const auto [h_axis, w_axis] = spatial_axes(images.shape().rank(), channels_last);
  const std::int64_t in_h = images.shape()[h_axis], in_w = images.shape()[w_axis];
  // Keras's integer arithmetic: int(float(w * th) / tw), at least 1, at most the image.
  std::int64_t crop_h = static_cast<std::int64_t>(static_cast<double>(in_w * height) / width);
  crop_h = std::max<std::int64_t>(std::min(in_h, crop_h), 1);
  std::int64_t crop_w = static_cast<std::int64_t>(static_cast<double>(in_h * width) / height);
  crop_w = std::max<std::int64_t>(std::min(in_w, crop_w), 1);
  const auto top = static_cast<std::int64_t>(static_cast<double>(in_h - crop_h) / 2);
  const auto left = static_cast<std::int64_t>(static_cast<double>(in_w - crop_w) / 2);
  return window(images, top, left, crop_h, crop_w, channels_last);
}

}  // namespace keras::layers::detail
