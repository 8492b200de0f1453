#include "keras/layers/preprocessing/center_crop.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/preprocessing/image_resize.hpp"

namespace keras::layers {

CenterCropImpl::CenterCropImpl(std::int64_t height, std::int64_t width, CenterCropOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "center_crop"),
      height_(height),
      width_(width),
      options_(std::move(options)) {
  options_.data_format = detail::standardize_data_format(options_.data_format);
  if (height <= 0 || width <= 0)
    throw ValueError("CenterCrop: `height` and `width` must be positive. Received: height=" +
                     std::to_string(height) + ", width=" + std::to_string(width));
  set_built();
}

Tensor CenterCropImpl::call(const Tensor& inputs, bool) {
  detail::check_image_rank(inputs.shape(), "Layer \"" + name() + "\" (CenterCrop)");
  const bool channels_last = options_.data_format == "channels_last";
  Tensor x = ops::cast(inputs, compute_dtype());
  const int rank = x.shape().rank();
  const std::int64_t in_h = x.shape()[channels_last ? rank - 3 : rank - 2];
  const std::int64_t in_w = x.shape()[channels_last ? rank - 2 : rank - 1];
  if (in_h >= height_ && in_w >= width_)
    return detail::center_window(x, height_, width_, channels_last);
  // Too small to crop: Keras's smart_resize (aspect-ratio crop, then bilinear resize).
  x = detail::crop_to_aspect_ratio(x, height_, width_, channels_last);
  return detail::resize_images(x, height_, width_, "bilinear", channels_last);
}

Shape CenterCropImpl::compute_output_shape(const Shape& input_shape) {
  return detail::image_shape_at(input_shape, height_, width_,
                                options_.data_format == "channels_last",
                                "Layer \"" + name() + "\" (CenterCrop)");
}

ConfigValue CenterCropImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["data_format"] = options_.data_format;
  c["height"] = height_;
  c["width"] = width_;
  return c;
}

std::shared_ptr<Layer> CenterCropImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "CenterCrop");
  CenterCropOptions o;
  read_base_options(r, o);
  const std::int64_t height = r.required_integer("height");
  const std::int64_t width = r.required_integer("width");
  o.data_format = r.string("data_format", "");
  r.ignore({"bounding_box_format"});  // keraspp crops images only
  r.finish();
  return std::make_shared<CenterCropImpl>(height, width, std::move(o));
}

}  // namespace keras::layers
