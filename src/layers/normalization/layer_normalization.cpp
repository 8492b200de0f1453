#include "keras/layers/normalization/layer_normalization.hpp"

#include <algorithm>
#include <mutex>

#include "keras/core/ops.hpp"
#include "src/layers/normalization/normalization_helpers.hpp"
#include "src/utils/messages.hpp"

namespace keras::layers {

LayerNormalizationImpl::LayerNormalizationImpl(LayerNormalizationOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "layer_normalization"),
      options_(std::move(options)),
      axes_(options_.axis.list()) {
  set_supports_masking(true);
  if (options_.axis.is_none() || axes_.empty())
    throw ValueError(
        "LayerNormalization: expected an int or a list/tuple of ints for the argument 'axis', "
        "but received none");
  // Once per process, as Python shows a warning once per call site.
  static std::once_flag warned;
  if (options_.rms_scaling)
    std::call_once(warned, [] {
      utils::detail::warn(
          "You passed `rms_scaling=True`, which is deprecated. This argument incorrectly scales "
          "the input by the variance, not the root mean square. To correctly use RMS "
          "Normalization, please use `keras.layers.RMSNormalization` instead.");
    });
}

void LayerNormalizationImpl::build(const Shape& input_shape) {
  std::sort(axes_.begin(), axes_.end());
  std::vector<std::int64_t> dims;
  for (int a : axes_) {
    const int axis = detail::axis_in_bounds(a, input_shape, detail::axes_text(axes_));
    if (input_shape[axis] < 0)
      throw ValueError("Layer \"" + name() + "\": axis " + std::to_string(a) +
                       " of the input should have a defined dimension, but the layer received "
                       "an input with shape " +
                       input_shape.to_string());
    dims.push_back(input_shape[axis]);
  }
  std::tie(gamma_, beta_) =
      detail::add_gamma_beta(*this, Shape(dims), options_, options_.scale || options_.rms_scaling,
                             options_.center && !options_.rms_scaling);
}

Tensor LayerNormalizationImpl::call(const Tensor& inputs, bool) {
  const Tensor x = ops::cast(inputs, detail::statistics_dtype(inputs.dtype()));
  // gamma and beta have the normalized axes' sizes (in sorted-axis order); Keras reshapes them
  // to the input's rank with 1 elsewhere.
  std::vector<std::int64_t> dims(static_cast<std::size_t>(x.rank()), 1);
  for (int a : axes_)
    dims[static_cast<std::size_t>(detail::axis_in_bounds(a, x.shape(), ""))] = x.shape().dim(a);
  const Shape broadcast(dims);
  auto param = [&](const Variable& v) {
    return v.defined() ? ops::reshape(ops::cast(v.value(), x.dtype()), broadcast) : Tensor();
  };
  const Tensor variance = ops::var(x, axes_, /*keepdims=*/true);
  Tensor out;
  if (options_.rms_scaling) {
    out = ops::multiply(x, ops::rsqrt(ops::add(variance, options_.epsilon)));
    if (gamma_.defined()) out = ops::multiply(out, param(gamma_));
  } else {
    const Tensor mean = ops::mean(x, axes_, /*keepdims=*/true);
    out = detail::scale_and_shift(x, mean, variance, param(gamma_), param(beta_), options_.epsilon);
  }
  return ops::cast(out, compute_dtype());
}

Shape LayerNormalizationImpl::compute_output_shape(const Shape& input_shape) {
  for (int a : axes_) detail::axis_in_bounds(a, input_shape, detail::axes_text(axes_));
  return input_shape;
}

ConfigValue LayerNormalizationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  // Keras writes a list once built (its build turns an int axis into [axis]); keraspp writes one
  // always, so a config reads back to the same config (Keras reads either form).
  c["axis"] = detail::axes_config(axes_, /*as_list=*/true);
  c["epsilon"] = options_.epsilon;
  c["center"] = options_.center;
  c["scale"] = options_.scale;
  c["rms_scaling"] = options_.rms_scaling;
  detail::write_gamma_beta_config(c, options_);
  return c;
}

std::shared_ptr<Layer> LayerNormalizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "LayerNormalization");
  LayerNormalizationOptions o;
  read_base_options(r, o);
  if (const ConfigValue axis = r.raw("axis"); !axis.is_null())
    o.axis = detail::read_axes(axis, r.owner());
  o.epsilon = r.number("epsilon", 1e-3);
  o.center = r.boolean("center", true);
  o.scale = r.boolean("scale", true);
  o.rms_scaling = r.boolean("rms_scaling", false);
  detail::read_gamma_beta_config(r, o);
  r.finish();
  return std::make_shared<LayerNormalizationImpl>(std::move(o));
}

}  // namespace keras::layers
