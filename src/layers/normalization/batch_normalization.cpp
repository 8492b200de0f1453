#include "keras/layers/normalization/batch_normalization.hpp"

#include <tuple>

#include "keras/core/ops.hpp"
#include "src/core/ops/batch_norm.hpp"
#include "src/layers/normalization/normalization_helpers.hpp"

namespace keras::layers {

namespace {
// A weight's value in `dtype`, or undefined when the layer does not use it (scale / center off).
Tensor value_as(const Variable& v, bool used, DType dtype) {
  return used ? ops::cast(v.value(), dtype) : Tensor();
}
}  // namespace

BatchNormalizationImpl::BatchNormalizationImpl(BatchNormalizationOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "batch_normalization"),
      options_(std::move(options)) {
  set_supports_masking(true);
  if (!(options_.epsilon > 0.0))
    throw ValueError("BatchNormalization: `epsilon` must be positive. Received: epsilon=" +
                     std::to_string(options_.epsilon));
}

void BatchNormalizationImpl::build(const Shape& input_shape) {
  const std::string received = std::to_string(options_.axis);
  const int axis = detail::axis_in_bounds(options_.axis, input_shape, received);
  const std::int64_t features = input_shape[axis];
  if (features < 0)
    throw ValueError("Layer \"" + name() + "\": axis " + received +
                     " of the input should have a defined dimension, but the layer received "
                     "an input with shape " +
                     input_shape.to_string());
  const Shape shape{features};
  std::tie(gamma_, beta_) =
      detail::add_gamma_beta(*this, shape, options_, options_.scale, options_.center);
  moving_mean_ = add_weight({.shape = shape,
                             .initializer = options_.moving_mean_initializer,
                             .trainable = false,
                             .name = "moving_mean"});
  moving_variance_ = add_weight({.shape = shape,
                                 .initializer = options_.moving_variance_initializer,
                                 .trainable = false,
                                 .name = "moving_variance"});
  input_spec = {InputSpec{.ndim = input_shape.rank(), .axes = {{options_.axis, features}}}};
  reduction_axes_.clear();
  for (int i = 0; i < input_shape.rank(); ++i)
    if (i != axis) reduction_axes_.push_back(i);
}

Tensor BatchNormalizationImpl::call(const Tensor& inputs, bool training) {
  const Tensor x = ops::cast(inputs, detail::statistics_dtype(inputs.dtype()));
  const DType dtype = x.dtype();
  Tensor mean = ops::cast(moving_mean_.value(), dtype);
  Tensor variance = ops::cast(moving_variance_.value(), dtype);
  const Tensor mask = call_mask();
  if (mask.defined() && mask.rank() != x.rank() - 1)
    throw ValueError("The mask provided should be one dimension less than the inputs (layer \"" +
                     name() + "\"). Received: mask.shape=" + mask.shape().to_string() +
                     ", inputs.shape=" + x.shape().to_string());
  const int axis = detail::axis_in_bounds(options_.axis, x.shape(), "");
  const Tensor gamma = value_as(gamma_, options_.scale, dtype),
               beta = value_as(beta_, options_.center, dtype);
  if (training && trainable()) {
    // The moving statistics follow the batch's (variance with 1/N, as jnp.var); assign()
    // records nothing on a tape, so the gradient flows only through the batch statistics.
    Tensor batch_mean, batch_variance, out;
    if (mask.defined()) {
      std::tie(batch_mean, batch_variance) = masked_moments(x, mask);
    } else if (x.size() > 0) {
      // One kernel for the statistics and the normalization, one for their gradient.
      auto r = ops::detail::batch_norm_training(x, axis, gamma, beta, options_.epsilon);
      batch_mean = r.mean, batch_variance = r.variance, out = r.y;
    } else {
      batch_mean = ops::mean(x, reduction_axes_);
      batch_variance = ops::var(x, reduction_axes_);
    }
    const double momentum = options_.momentum;
    moving_mean_.assign(
        ops::add(ops::multiply(mean, momentum), ops::multiply(batch_mean, 1.0 - momentum)));
    moving_variance_.assign(
        ops::add(ops::multiply(variance, momentum), ops::multiply(batch_variance, 1.0 - momentum)));
    if (out.defined()) return ops::cast(out, compute_dtype());
    mean = batch_mean;
    variance = batch_variance;
  } else if (Tensor out = ops::detail::batch_norm_inference(x, axis, mean, variance, gamma, beta,
                                                            options_.epsilon);
             out.defined()) {
    return ops::cast(out, compute_dtype());
  }
  // The ops of keras.ops.batch_normalization, with per-channel vectors shaped to broadcast along
  // the channels axis: under a tape that records a gradient for the given statistics or the
  // weights, and for masked batches.
  std::vector<std::int64_t> dims(static_cast<std::size_t>(x.rank()), 1);
  dims[static_cast<std::size_t>(axis)] = mean.size();
  const Shape broadcast(dims);
  auto reshaped = [&](const Tensor& v) {
    return v.defined() ? ops::reshape(v, broadcast) : Tensor();
  };
  Tensor out = detail::scale_and_shift(x, reshaped(mean), reshaped(variance), reshaped(gamma),
                                       reshaped(beta), options_.epsilon);
  return ops::cast(out, compute_dtype());
}

std::pair<Tensor, Tensor> BatchNormalizationImpl::inference_scale_shift(DType dtype) const {
  if (compute_dtype() != dtype || detail::statistics_dtype(dtype) != dtype) return {};
  return detail::scale_and_shift_of(value_as(moving_mean_, true, dtype),
                                    value_as(moving_variance_, true, dtype),
                                    value_as(gamma_, options_.scale, dtype),
                                    value_as(beta_, options_.center, dtype), options_.epsilon);
}

std::pair<Tensor, Tensor> BatchNormalizationImpl::masked_moments(const Tensor& x,
                                                                 const Tensor& mask) const {
  // Keras's _moments with a mask: the statistics of the kept positions only (the sums divided
  // by the kept count plus Keras's epsilon, 1e-7).
  Tensor keep = ops::broadcast_to(ops::expand_dims(ops::cast(mask, DType::bool_), -1), x.shape());
  Tensor zero = ops::zeros_like(x);
  Tensor count = ops::add(ops::sum(ops::cast(keep, x.dtype()), reduction_axes_, true), 1e-7);
  Tensor mean = ops::divide(ops::sum(ops::where(keep, x, zero), reduction_axes_, true), count);
  Tensor centered = ops::where(keep, ops::subtract(x, mean), zero);
  Tensor variance = ops::divide(ops::sum(ops::square(centered), reduction_axes_, true), count);
  const Shape features{moving_mean_.value().size()};
  return {ops::reshape(mean, features), ops::reshape(variance, features)};
}

Shape BatchNormalizationImpl::compute_output_shape(const Shape& input_shape) {
  detail::axis_in_bounds(options_.axis, input_shape, std::to_string(options_.axis));
  return input_shape;
}

ConfigValue BatchNormalizationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axis"] = options_.axis;
  c["momentum"] = options_.momentum;
  c["epsilon"] = options_.epsilon;
  c["center"] = options_.center;
  c["scale"] = options_.scale;
  ConfigValue affine = ConfigValue::dict();
  detail::write_gamma_beta_config(affine, options_);
  // Keras's key order: the four initializers, then the regularizers and constraints.
  c["beta_initializer"] = affine.at("beta_initializer");
  c["gamma_initializer"] = affine.at("gamma_initializer");
  c["moving_mean_initializer"] = serialize_initializer(options_.moving_mean_initializer);
  c["moving_variance_initializer"] = serialize_initializer(options_.moving_variance_initializer);
  for (const char* key :
       {"beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"})
    c[key] = affine.at(key);
  c["synchronized"] = options_.synchronized;
  c["renorm"] = false;
  c["renorm_clipping"] = nullptr;
  c["renorm_momentum"] = 0.99;
  return c;
}

std::shared_ptr<Layer> BatchNormalizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "BatchNormalization");
  BatchNormalizationOptions o;
  read_base_options(r, o);
  if (const ConfigValue axis = r.raw("axis"); !axis.is_null()) {
    // Keras 2 files write a list of one axis; Keras 3 takes one int (its legacy loader unwraps).
    const auto axes = detail::read_axes(axis, r.owner());
    if (axes.size() != 1)
      throw ValueError(r.owner() +
                       ": BatchNormalization normalizes along one axis; received "
                       "axis=" +
                       axis.dump());
    o.axis = axes[0];
  }
  o.momentum = r.number("momentum", 0.99);
  o.epsilon = r.number("epsilon", 1e-3);
  o.center = r.boolean("center", true);
  o.scale = r.boolean("scale", true);
  detail::read_gamma_beta_config(r, o);
  if (r.present("moving_mean_initializer"))
    o.moving_mean_initializer = read_initializer(r.raw("moving_mean_initializer"), "zeros");
  if (r.present("moving_variance_initializer"))
    o.moving_variance_initializer = read_initializer(r.raw("moving_variance_initializer"), "ones");
  o.synchronized = r.boolean("synchronized", false);
  // Batch renormalization (Keras 3.13+, and Keras 2's fused=False path) is not implemented;
  // renorm=false is what every other file carries.
  if (r.boolean("renorm", false))
    throw NotImplementedError(r.owner() + ": batch renormalization (renorm=True) is not supported");
  // Keras 2's ghost batches and adjustment function change the computation; null is the default.
  for (const char* key : {"virtual_batch_size", "adjustment"})
    if (const ConfigValue v = r.raw(key); !v.is_null())
      throw NotImplementedError(r.owner() + ": " + key + "=" + v.dump() + " is not supported");
  // `fused` only chose a kernel; renorm's settings mean nothing without renorm.
  r.ignore({"fused", "renorm_clipping", "renorm_momentum"});
  r.finish();
  return std::make_shared<BatchNormalizationImpl>(std::move(o));
}

}  // namespace keras::layers
