#include "keras/layers/activations/prelu.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

PReLUImpl::PReLUImpl(PReLUOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "p_re_lu"),
      options_(std::move(options)) {}

void PReLUImpl::build(const Shape& input_shape) {
  set_supports_masking(true);
  std::vector<std::int64_t> param(input_shape.dims().begin() + (input_shape.rank() > 0 ? 1 : 0),
                                  input_shape.dims().end());
  for (int axis : options_.shared_axes) {
    if (axis < 1 || axis >= input_shape.rank())
      throw ValueError("Layer \"" + name() + "\" (PReLU): shared_axes must name axes 1 to " +
                       std::to_string(input_shape.rank() - 1) + " of the input; received " +
                       std::to_string(axis) + " for input shape " + input_shape.to_string());
    param[static_cast<std::size_t>(axis - 1)] = 1;
  }
  for (auto d : param)
    if (d < 0)
      throw ValueError("Layer \"" + name() +
                       "\" (PReLU): every non-shared axis of the input must be known to build "
                       "alpha; received input shape " +
                       input_shape.to_string());
  alpha_ = add_weight({.shape = Shape(param),
                       .initializer = options_.alpha_initializer,
                       .regularizer = options_.alpha_regularizer,
                       .constraint = options_.alpha_constraint,
                       .name = "alpha"});
  InputSpec spec{.ndim = input_shape.rank()};
  if (!options_.shared_axes.empty())
    for (int i = 1; i < input_shape.rank(); ++i)
      if (std::find(options_.shared_axes.begin(), options_.shared_axes.end(), i) ==
          options_.shared_axes.end())
        spec.axes[i] = input_shape[i];
  input_spec = {spec};
}

Tensor PReLUImpl::call(const Tensor& inputs, bool) {
  // relu(x) - alpha * relu(-x), as Keras computes it (so the gradients agree at 0 too).
  Tensor neg = ops::multiply(alpha_.value(), ops::relu(ops::negative(inputs)));
  return ops::subtract(ops::relu(inputs), neg);
}

ConfigValue PReLUImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["alpha_initializer"] = serialize_initializer(options_.alpha_initializer);
  c["alpha_regularizer"] = serialize_regularizer(options_.alpha_regularizer);
  c["alpha_constraint"] = serialize_constraint(options_.alpha_constraint);
  c["shared_axes"] =
      options_.shared_axes.empty() ? ConfigValue() : ConfigValue::list_of(options_.shared_axes);
  return c;
}

std::shared_ptr<Layer> PReLUImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "PReLU");
  PReLUOptions o;
  read_base_options(r, o);
  if (r.present("alpha_initializer"))
    o.alpha_initializer = read_initializer(r.raw("alpha_initializer"), "zeros");
  o.alpha_regularizer = read_regularizer(r.raw("alpha_regularizer"));
  o.alpha_constraint = read_constraint(r.raw("alpha_constraint"));
  const ConfigValue shared = r.raw("shared_axes");
  if (shared.is_integral()) o.shared_axes = {static_cast<int>(shared.as_int())};
  else if (shared.is_list())
    for (auto a : shared.as_int_list()) o.shared_axes.push_back(static_cast<int>(a));
  r.finish();
  return std::make_shared<PReLUImpl>(std::move(o));
}

}  // namespace keras::layers
