#include "keras/layers/reshaping/cropping3d.hpp"

#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

Cropping3DImpl::Cropping3DImpl(Cropping3DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "cropping3d") {
  const std::string who = describe_layer(class_name(), name());
  cropping_ = detail::standardize_sides(options.cropping, 3, "cropping", who);
  data_format_ = detail::standardize_data_format(options.data_format);
  input_spec = {InputSpec{.ndim = 5}};
}

Tensor Cropping3DImpl::call(const Tensor& inputs, bool) {
  compute_output_shape(inputs.shape());  // Keras's error for cropping everything away
  return detail::crop(inputs, cropping_, detail::first_spatial_axis(data_format_));
}

Shape Cropping3DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::cropped_shape(input_shape, cropping_, detail::first_spatial_axis(data_format_),
                               describe_layer(class_name(), name()));
}

ConfigValue Cropping3DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["cropping"] = detail::sides_to_config(cropping_);
  c["data_format"] = data_format_;
  return c;
}

std::shared_ptr<Layer> Cropping3DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Cropping3D");
  Cropping3DOptions o;
  read_base_options(r, o);
  o.cropping = detail::read_side_pairs(r, "cropping", o.cropping);
  o.data_format = r.string("data_format", "");
  r.finish();
  return std::make_shared<Cropping3DImpl>(std::move(o));
}

}  // namespace keras::layers
