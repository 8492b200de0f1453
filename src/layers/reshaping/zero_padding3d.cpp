#include "keras/layers/reshaping/zero_padding3d.hpp"

#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

ZeroPadding3DImpl::ZeroPadding3DImpl(ZeroPadding3DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "zero_padding3d") {
  const std::string who = describe_layer(class_name(), name());
  padding_ = detail::standardize_sides(options.padding, 3, "padding", who);
  data_format_ = detail::standardize_data_format(options.data_format);
  input_spec = {InputSpec{.ndim = 5}};
}

Tensor ZeroPadding3DImpl::call(const Tensor& inputs, bool) {
  return detail::zero_pad(inputs, padding_, detail::first_spatial_axis(data_format_));
}

Shape ZeroPadding3DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::padded_shape(input_shape, padding_, detail::first_spatial_axis(data_format_));
}

ConfigValue ZeroPadding3DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["padding"] = detail::sides_to_config(padding_);
  c["data_format"] = data_format_;
  return c;
}

std::shared_ptr<Layer> ZeroPadding3DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ZeroPadding3D");
  ZeroPadding3DOptions o;
  read_base_options(r, o);
  o.padding = detail::read_side_pairs(r, "padding", o.padding);
  o.data_format = r.string("data_format", "");
  r.finish();
  return std::make_shared<ZeroPadding3DImpl>(std::move(o));
}

}  // namespace keras::layers
