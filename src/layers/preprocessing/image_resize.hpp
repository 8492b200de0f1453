#pragma once
// Internal: the image geometry shared by Resizing and CenterCrop, computed as Keras on JAX.
#include <string>

#include "keras/core/tensor.hpp"

namespace keras::layers::detail {

// Images of rank 3 (one image) or 4 (a batch); `layer` names the caller in the error.
void check_image_rank(const Shape& shape, const std::string& layer);

// The shape of images of `shape` resized or cropped to height x width (checks the rank).
Shape image_shape_at(const Shape& shape, std::int64_t height, std::int64_t width,
                     bool channels_last, const std::string& layer);

// Resizes the height and width axes as jax.image.resize does without antialiasing ("bilinear":
// half-pixel centres, samples outside the image dropped and the rest renormalized, i.e. clamped
// to the edge; "nearest": index floor((i + 0.5) * in / out)). Each axis is one matrix product,
// so gradients flow to the input.
Tensor resize_images(const Tensor& images, std::int64_t height, std::int64_t width,
                     const std::string& interpolation, bool channels_last);

// The centred window of height x width (which must fit) at Keras's start (size difference / 2).
Tensor center_window(const Tensor& images, std::int64_t height, std::int64_t width,
                     bool channels_last);

// The largest centred window with the aspect ratio of height x width (Keras's
// crop_to_aspect_ratio and smart_resize).
Tensor crop_to_aspect_ratio(const Tensor& images, std::int64_t height, std::int64_t width,
                            bool channels_last);

}  // namespace keras::layers::detail
