#include "keras/layers/reshaping/zero_padding1d.hpp"

#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/reshaping/spatial_sides.hpp"

namespace keras::layers {

ZeroPadding1DImpl::ZeroPadding1DImpl(ZeroPadding1DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "zero_padding1d") {
  const std::string who = describe_layer(class_name(), name());
  padding_ = detail::standardize_sides_1d(options.padding, "padding", who);
  data_format_ = detail::standardize_data_format(options.data_format);
  input_spec = {InputSpec{.ndim = 3}};
}

Tensor ZeroPadding1DImpl::call(const Tensor& inputs, bool) {
  return detail::zero_pad(inputs, padding_, detail::first_spatial_axis(data_format_));
}

Shape ZeroPadding1DImpl::compute_output_shape(const Shape& input_shape) {
  return detail::padded_shape(input_shape, padding_, detail::first_spatial_axis(data_format_));
}

ConfigValue ZeroPadding1DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["padding"] = detail::sides_to_config(padding_);
  c["data_format"] = data_format_;
  return c;
}

std::shared_ptr<Layer> ZeroPadding1DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ZeroPadding1D");
  ZeroPadding1DOptions o;
  read_base_options(r, o);
  o.padding = read_int_tuple(r, "padding", o.padding);
  o.data_format = r.string("data_format", "");
  r.finish();
  return std::make_shared<ZeroPadding1DImpl>(std::move(o));
}

}  // namespace keras::layers
