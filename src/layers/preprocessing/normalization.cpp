#include "keras/layers/preprocessing/normalization.hpp"

#include <algorithm>

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {

ConfigValue list_or_number(const std::optional<std::vector<double>>& values) {
  if (!values) return ConfigValue();
  if (values->size() == 1) return ConfigValue((*values)[0]);
  ConfigValue list = ConfigValue::list();
  for (double v : *values) list.push_back(v);
  return list;
}

// A number, a (nested) list of numbers flattened row-major, or null.
std::optional<std::vector<double>> read_values(const ConfigValue& value, const std::string& owner,
                                               const char* key) {
  if (value.is_null()) return std::nullopt;
  std::vector<double> out;
  auto flatten = [&](const ConfigValue& v, const auto& self) -> void {
    if (v.is_number()) out.push_back(v.as_double());
    else if (v.is_list())
      for (const auto& e : v.as_list()) self(e, self);
    else
      throw ValueError(owner + ": `" + key + "` must be a number or a list of numbers; received " +
                       value.dump());
  };
  flatten(value, flatten);
  return out;
}

std::string shape_text(const std::optional<std::vector<double>>& v) {
  return v ? "(" + std::to_string(v->size()) + " values)" : "None";
}

}  // namespace

NormalizationImpl::NormalizationImpl(NormalizationOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "normalization"),
      options_(std::move(options)) {
  set_supports_masking(true);
  if (options_.mean.has_value() != options_.variance.has_value())
    throw ValueError(
        "When setting values directly, both `mean` and `variance` must be set. Received: mean=" +
        shape_text(options_.mean) + " and variance=" + shape_text(options_.variance));
  if (options_.mean && options_.mean->size() != options_.variance->size())
    throw ValueError(
        "When setting values directly, `mean` and `variance` must have the same shape. "
        "Received: mean " +
        shape_text(options_.mean) + " and variance " + shape_text(options_.variance));
}

void NormalizationImpl::build(const Shape& input_shape) {
  const int ndim = input_shape.rank();
  keep_axes_.clear();
  reduce_axes_.clear();
  for (int a : options_.axis) {
    if (a < -ndim || a >= ndim)
      throw ValueError("Layer \"" + name() +
                       "\" (Normalization): All `axis` values must be in the range [-ndim, ndim). "
                       "Received inputs with ndim=" +
                       std::to_string(ndim) + ", while axis=" + std::to_string(a));
    keep_axes_.push_back(a < 0 ? a + ndim : a);
  }
  std::sort(keep_axes_.begin(), keep_axes_.end());
  std::vector<std::int64_t> broadcast, stats;
  for (int d = 0; d < ndim; ++d) {
    const bool kept = std::find(keep_axes_.begin(), keep_axes_.end(), d) != keep_axes_.end();
    if (kept && input_shape[d] < 0)
      throw ValueError("Layer \"" + name() +
                       "\" (Normalization): All `axis` values to be kept must have a known "
                       "shape. Received inputs.shape=" +
                       input_shape.to_string() + ", with unknown axis at index " +
                       std::to_string(d));
    if (!kept) reduce_axes_.push_back(d);
    broadcast.push_back(kept ? input_shape[d] : 1);
    if (kept) stats.push_back(input_shape[d]);
  }
  build_shape_ = input_shape;
  broadcast_shape_ = Shape(broadcast);
  if (!options_.mean) {
    adapt_mean_ = add_weight(
        {.shape = Shape(stats), .initializer = "zeros", .trainable = false, .name = "mean"});
    adapt_variance_ = add_weight(
        {.shape = Shape(stats), .initializer = "ones", .trainable = false, .name = "variance"});
    count_ = add_weight({.shape = {},
                         .initializer = "zeros",
                         .dtype = DType::int64,
                         .trainable = false,
                         .name = "count"});
    return;
  }
  // Given statistics: one value for everything, or one per kept feature.
  const auto size = static_cast<std::int64_t>(options_.mean->size());
  if (size != 1 && size != broadcast_shape_.size())
    throw ValueError("Layer \"" + name() + "\" (Normalization): `mean` and `variance` have " +
                     std::to_string(size) + " values, but the kept axes of input shape " +
                     input_shape.to_string() + " hold " + std::to_string(broadcast_shape_.size()) +
                     " features");
  auto as_tensor = [&](const std::vector<double>& v) {
    Tensor t = ops::cast(tensor<double>(v, Shape{size}), compute_dtype());
    return size == 1 ? ops::broadcast_to(ops::reshape(t, Shape{}), broadcast_shape_)
                     : ops::reshape(t, broadcast_shape_);
  };
  given_mean_ = as_tensor(*options_.mean);
  given_variance_ = as_tensor(*options_.variance);
}

Tensor NormalizationImpl::call(const Tensor& inputs, bool) {
  Tensor x = ops::cast(inputs, compute_dtype());
  Tensor mean = given_mean_, variance = given_variance_;
  if (!options_.mean) {
    mean = ops::cast(ops::reshape(adapt_mean_.value(), broadcast_shape_), compute_dtype());
    variance = ops::cast(ops::reshape(adapt_variance_.value(), broadcast_shape_), compute_dtype());
  }
  Tensor stddev = ops::maximum(ops::sqrt(variance), ops::full_like(variance, config::epsilon()));
  if (options_.invert) return ops::add(mean, ops::multiply(x, stddev));
  return ops::divide(ops::subtract(x, mean), stddev);
}

void NormalizationImpl::adapt(const Tensor& data) {
  if (options_.mean)
    throw ValueError("Layer \"" + name() +
                     "\" (Normalization) was given `mean` and `variance`; adapt() would ignore "
                     "them");
  if (!built()) {
    maybe_build({data.shape()});
  } else {
    for (int d : keep_axes_)
      if (d >= data.shape().rank() || data.shape()[d] != build_shape_[d])
        throw ValueError("The layer was built with input_shape=" + build_shape_.to_string() +
                         ", but adapt() is being called with data with an incompatible shape, "
                         "data.shape=" +
                         data.shape().to_string());
  }
  NoGrad no_grad;
  Tensor x = ops::cast(data, compute_dtype());
  adapt_mean_.assign(ops::cast(ops::mean(x, reduce_axes_), adapt_mean_.dtype()));
  adapt_variance_.assign(ops::cast(ops::var(x, reduce_axes_), adapt_variance_.dtype()));
}

ConfigValue NormalizationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axis"] = ConfigValue::list_of(options_.axis);
  c["invert"] = options_.invert;
  c["mean"] = list_or_number(options_.mean);
  c["variance"] = list_or_number(options_.variance);
  return c;
}

std::shared_ptr<Layer> NormalizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Normalization");
  NormalizationOptions o;
  read_base_options(r, o);
  if (r.present("axis")) {
    const ConfigValue axis = r.raw("axis");
    o.axis.clear();
    if (axis.is_integral()) o.axis.push_back(static_cast<int>(axis.as_int()));
    else if (axis.is_list())
      for (auto a : axis.as_int_list()) o.axis.push_back(static_cast<int>(a));
    else if (!axis.is_null())
      throw ValueError(r.owner() + ": `axis` must be an int, a list of ints or null; received " +
                       axis.dump());
  }
  o.invert = r.boolean("invert", false);
  o.mean = read_values(r.raw("mean"), r.owner(), "mean");
  o.variance = read_values(r.raw("variance"), r.owner(), "variance");
  r.finish();
  return std::make_shared<NormalizationImpl>(std::move(o));
}

}  // namespace keras::layers
