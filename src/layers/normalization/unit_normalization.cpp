#include "keras/layers/normalization/unit_normalization.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/normalization/normalization_helpers.hpp"

namespace keras::layers {

UnitNormalizationImpl::UnitNormalizationImpl(UnitNormalizationOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "unit_normalization"),
      axes_(options.axis.list()) {
  set_supports_masking(true);
  if (options.axis.is_none() || axes_.empty())
    throw ValueError(
        "Invalid value for `axis` argument: expected an int or a list/tuple of ints. Received: "
        "axis=None");
  set_built();  // no weights (Keras builds it at construction)
}

Tensor UnitNormalizationImpl::call(const Tensor& inputs, bool) {
  compute_output_shape(inputs.shape());
  // keras.ops.normalize(order=2, epsilon=1e-12): the inverse norm is capped at 1 / epsilon, so
  // an all-zero slice stays zero.
  const Tensor square_sum = ops::sum(ops::square(inputs), axes_, /*keepdims=*/true);
  return ops::multiply(inputs, ops::minimum(ops::rsqrt(square_sum), 1.0 / 1e-12));
}

Shape UnitNormalizationImpl::compute_output_shape(const Shape& input_shape) {
  const std::string received = detail::axes_text(axes_);
  for (int a : axes_)
    if (a >= input_shape.rank() || a < -input_shape.rank())
      throw ValueError("Axis " + received + " is out of bounds for input shape " +
                       input_shape.to_string() + ".");
  return input_shape;
}

ConfigValue UnitNormalizationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axis"] = detail::axes_config(axes_, false);
  return c;
}

std::shared_ptr<Layer> UnitNormalizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "UnitNormalization");
  UnitNormalizationOptions o;
  read_base_options(r, o);
  if (const ConfigValue axis = r.raw("axis"); !axis.is_null())
    o.axis = detail::read_axes(axis, r.owner());
  r.finish();
  return std::make_shared<UnitNormalizationImpl>(std::move(o));
}

}  // namespace keras::layers
