#include "keras/layers/preprocessing/resizing.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/preprocessing/image_resize.hpp"

namespace keras::layers {

ResizingImpl::ResizingImpl(std::int64_t height, std::int64_t width, ResizingOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "resizing"),
      height_(height),
      width_(width),
      options_(std::move(options)) {
  options_.data_format = detail::standardize_data_format(options_.data_format);
  if (height <= 0 || width <= 0)
    throw ValueError("Resizing: `height` and `width` must be positive. Received: height=" +
                     std::to_string(height) + ", width=" + std::to_string(width));
  if (options_.interpolation != "bilinear" && options_.interpolation != "nearest")
    throw ValueError(
        "Invalid value for argument `interpolation`. Expected of one ('bilinear', 'nearest'). "
        "Received: interpolation=" +
        options_.interpolation);
  set_built();
}

Tensor ResizingImpl::call(const Tensor& inputs, bool) {
  detail::check_image_rank(inputs.shape(), "Layer \"" + name() + "\" (Resizing)");
  const bool channels_last = options_.data_format == "channels_last";
  const bool integer = is_integer(inputs.dtype());
  Tensor x = integer ? ops::cast(inputs, compute_dtype()) : inputs;
  if (options_.crop_to_aspect_ratio)
    x = detail::crop_to_aspect_ratio(x, height_, width_, channels_last);
  x = detail::resize_images(x, height_, width_, options_.interpolation, channels_last);
  // Integer images stay integers, rounded, as Keras's Resizing returns them.
  return integer ? ops::cast(ops::round(x), inputs.dtype()) : x;
}

Shape ResizingImpl::compute_output_shape(const Shape& input_shape) {
  return detail::image_shape_at(input_shape, height_, width_,
                                options_.data_format == "channels_last",
                                "Layer \"" + name() + "\" (Resizing)");
}

ConfigValue ResizingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["data_format"] = options_.data_format;
  c["height"] = height_;
  c["width"] = width_;
  c["interpolation"] = options_.interpolation;
  c["crop_to_aspect_ratio"] = options_.crop_to_aspect_ratio;
  // Keras's other options, at the only values keraspp computes.
  c["pad_to_aspect_ratio"] = false;
  c["fill_mode"] = "constant";
  c["fill_value"] = 0.0;
  c["antialias"] = false;
  return c;
}

std::shared_ptr<Layer> ResizingImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Resizing");
  ResizingOptions o;
  read_base_options(r, o);
  const std::int64_t height = r.required_integer("height");
  const std::int64_t width = r.required_integer("width");
  o.interpolation = r.string("interpolation", "bilinear");
  o.crop_to_aspect_ratio = r.boolean("crop_to_aspect_ratio", false);
  o.data_format = r.string("data_format", "");
  if (r.boolean("pad_to_aspect_ratio", false))
    throw NotImplementedError(r.owner() + ": pad_to_aspect_ratio=True is not supported");
  if (r.boolean("antialias", false))
    throw NotImplementedError(r.owner() + ": antialias=True is not supported");
  r.ignore({"fill_mode", "fill_value"});  // only used by pad_to_aspect_ratio
  r.ignore({"bounding_box_format"});      // keraspp resizes images only
  r.finish();
  return std::make_shared<ResizingImpl>(height, width, std::move(o));
}

}  // namespace keras::layers
