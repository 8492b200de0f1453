#include "keras/layers/reshaping/cropping1d.hpp"

#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

Cropping1DImpl::Cropping1DImpl(Cropping1DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "cropping1d") {
  const std::string who = describe_layer(class_name(), name());
  cropping_ = detail::standardize_sides_1d(options.cropping, "cropping", who);
  data_format_ = "channels_last";
  input_spec = {InputSpec{.ndim = 3}};
}

Tensor Cropping1DImpl::call(const Tensor& inputs, bool) {
  compute_output_shape(inputs.shape());  // Keras's error for cropping everything away
  return detail::crop(inputs, cropping_, detail::first_spatial_axis(data_format_));
}

Shape Cropping1DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::cropped_shape(input_shape, cropping_, detail::first_spatial_axis(data_format_),
                               describe_layer(class_name(), name()));
}

ConfigValue Cropping1DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["cropping"] = detail::sides_to_config(cropping_);
  return c;
}

std::shared_ptr<Layer> Cropping1DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Cropping1D");
  Cropping1DOptions o;
  read_base_options(r, o);
  o.cropping = read_int_tuple(r, "cropping", o.cropping);
  r.finish();
  return std::make_shared<Cropping1DImpl>(std::move(o));
}

}  // namespace keras::layers
