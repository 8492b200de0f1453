#include "keras/layers/reshaping/up_sampling2d.hpp"

#include <algorithm>
#include <cctype>

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/preprocessing/image_resize.hpp"
#include "src/layers/reshaping/spatial_repeat.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

UpSampling2DImpl::UpSampling2DImpl(UpSampling2DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "up_sampling2d"),
      interpolation_(std::move(options.interpolation)) {
  const std::string who = describe_layer(class_name(), name());
  size_ = standardize_tuple(options.size, 2, "size", who);
  data_format_ = detail::standardize_data_format(options.data_format);
  std::transform(interpolation_.begin(), interpolation_.end(), interpolation_.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Keras also takes ops.image.resize's bicubic and lanczos kernels, which keraspp lacks.
  if (interpolation_ == "bicubic" || interpolation_ == "lanczos3" || interpolation_ == "lanczos5")
    throw NotImplementedError(who + ": interpolation='" + interpolation_ +
                              "' is not supported; use 'nearest' or 'bilinear'");
  if (interpolation_ != "nearest" && interpolation_ != "bilinear")
    throw ValueError(who +
                     ": Invalid value for argument `interpolation`. Expected of one "
                     "('bilinear', 'nearest', 'lanczos3', 'lanczos5', 'bicubic'). Received: "
                     "interpolation=" +
                     interpolation_);
  input_spec = {InputSpec{.ndim = 4}};
}

Tensor UpSampling2DImpl::call(const Tensor& inputs, bool) {
  const int first = detail::first_spatial_axis(data_format_);
  if (interpolation_ == "nearest") return detail::repeat_spatial(inputs, size_, first);
  // Keras resizes with ops.image.resize, as the Resizing layer does.
  return detail::resize_images(inputs, inputs.shape()[first] * size_[0],
                               inputs.shape()[first + 1] * size_[1], interpolation_,
                               data_format_ == "channels_last");
}

Shape UpSampling2DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::repeated_shape(input_shape, size_, detail::first_spatial_axis(data_format_));
}

ConfigValue UpSampling2DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["size"] = ConfigValue::list_of(size_);
  c["data_format"] = data_format_;
  c["interpolation"] = interpolation_;
  return c;
}

std::shared_ptr<Layer> UpSampling2DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "UpSampling2D");
  UpSampling2DOptions o;
  read_base_options(r, o);
  o.size = read_int_tuple(r, "size", 2);
  o.data_format = r.string("data_format", "");
  o.interpolation = r.string("interpolation", "nearest");
  r.finish();
  return std::make_shared<UpSampling2DImpl>(std::move(o));
}

}  // namespace keras::layers
