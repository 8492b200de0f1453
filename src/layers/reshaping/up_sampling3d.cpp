#include "keras/layers/reshaping/up_sampling3d.hpp"

#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/reshaping/spatial_repeat.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

UpSampling3DImpl::UpSampling3DImpl(UpSampling3DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "up_sampling3d") {
  const std::string who = describe_layer(class_name(), name());
  size_ = standardize_tuple(options.size, 3, "size", who);
  data_format_ = detail::standardize_data_format(options.data_format);
  input_spec = {InputSpec{.ndim = 5}};
}

Tensor UpSampling3DImpl::call(const Tensor& inputs, bool) {
  return detail::repeat_spatial(inputs, size_, detail::first_spatial_axis(data_format_));
}

Shape UpSampling3DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::repeated_shape(input_shape, size_, detail::first_spatial_axis(data_format_));
}

ConfigValue UpSampling3DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["size"] = ConfigValue::list_of(size_);
  c["data_format"] = data_format_;
  return c;
}

std::shared_ptr<Layer> UpSampling3DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "UpSampling3D");
  UpSampling3DOptions o;
  read_base_options(r, o);
  o.size = read_int_tuple(r, "size", 2);
  o.data_format = r.string("data_format", "");
  r.finish();
  return std::make_shared<UpSampling3DImpl>(std::move(o));
}

}  // namespace keras::layers
