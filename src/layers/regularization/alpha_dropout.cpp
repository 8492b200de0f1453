#include "keras/layers/regularization/alpha_dropout.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/noise_shape.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

namespace {
// SELU's constants: the negative saturation value is -alpha * scale.
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;
}  // namespace

AlphaDropoutImpl::AlphaDropoutImpl(double rate, AlphaDropoutOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "alpha_dropout"),
      rate_(rate),
      options_(std::move(options)),
      seed_generator_(detail::generator_seed(options_.seed)) {
  set_supports_masking(true);
  detail::check_unit_interval(rate, "rate");
  if (options_.noise_shape)
    for (int i = 0; i < options_.noise_shape->rank(); ++i) {
      const std::int64_t d = (*options_.noise_shape)[i];
      if (d != kNone && d <= 0)
        throw ValueError(
            "Invalid value received for argument `noise_shape`. Expected all dimensions to be "
            "positive integers or None. Received negative or zero value at index " +
            std::to_string(i) + ": " + std::to_string(d));
    }
  set_built();
}

Tensor AlphaDropoutImpl::call(const Tensor& inputs, bool training) {
  if (!training || rate_ == 0.0) return inputs;
  if (rate_ >= 1.0)
    throw ValueError("Layer \"" + name() +
                     "\": AlphaDropout with rate=1 cannot run in training (its affine correction "
                     "((1 - rate) * (1 + rate * alpha_p^2))^-0.5 is infinite)");
  const Shape& xs = inputs.shape();
  const std::optional<Shape> noise = keras::detail::resolve_noise_shape(xs, options_.noise_shape);
  if (!noise)
    throw ValueError("Layer \"" + name() + "\": AlphaDropout's noise_shape " +
                     options_.noise_shape->to_string() + " does not broadcast to the input shape " +
                     xs.to_string());
  const double alpha_p = -kSeluAlpha * kSeluScale;
  const Tensor kept = ops::cast(
      ops::greater_equal(random::uniform(*noise, 0.0, 1.0, DType::float32, seed_generator_), rate_),
      inputs.dtype());
  const double a = std::pow((1.0 - rate_) * (1.0 + rate_ * alpha_p * alpha_p), -0.5);
  const double b = -a * alpha_p * rate_;
  const Tensor x =
      ops::add(ops::multiply(inputs, kept), ops::multiply(ops::subtract(1.0, kept), alpha_p));
  return ops::add(ops::multiply(x, a), b);
}

ConfigValue AlphaDropoutImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["rate"] = rate_;
  c["seed"] = detail::seed_config(options_.seed);
  c["noise_shape"] = options_.noise_shape ? shape_to_config(*options_.noise_shape) : ConfigValue();
  return c;
}

std::shared_ptr<Layer> AlphaDropoutImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "AlphaDropout");
  AlphaDropoutOptions o;
  read_base_options(r, o);
  o.seed = r.optional_integer("seed");
  if (const ConfigValue noise_shape = r.raw("noise_shape"); !noise_shape.is_null())
    o.noise_shape = shape_from_config(noise_shape, r.owner() + " noise_shape");
  const double rate = r.required_number("rate");
  r.finish();
  return std::make_shared<AlphaDropoutImpl>(rate, std::move(o));
}

}  // namespace keras::layers
