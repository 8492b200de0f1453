#include "keras/layers/regularization/gaussian_dropout.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

GaussianDropoutImpl::GaussianDropoutImpl(double rate, GaussianDropoutOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "gaussian_dropout"),
      rate_(rate),
      options_(std::move(options)),
      seed_generator_(detail::generator_seed(options_.seed)) {
  set_supports_masking(true);
  detail::check_unit_interval(rate, "rate");
  set_built();
}

Tensor GaussianDropoutImpl::call(const Tensor& inputs, bool training) {
  if (!training || rate_ == 0.0) return inputs;
  // Keras accepts rate=1 but its noise would have infinite deviation: every output inf or NaN.
  if (rate_ >= 1.0)
    throw ValueError("Layer \"" + name() +
                     "\": GaussianDropout with rate=1 cannot run in training (the noise's "
                     "standard deviation sqrt(rate / (1 - rate)) is infinite)");
  const double stddev = std::sqrt(rate_ / (1.0 - rate_));
  return ops::multiply(
      inputs, random::normal(inputs.shape(), 1.0, stddev, compute_dtype(), seed_generator_));
}

ConfigValue GaussianDropoutImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["rate"] = rate_;
  c["seed"] = detail::seed_config(options_.seed);
  return c;
}

std::shared_ptr<Layer> GaussianDropoutImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "GaussianDropout");
  GaussianDropoutOptions o;
  read_base_options(r, o);
  o.seed = r.optional_integer("seed");
  const double rate = r.required_number("rate");
  r.finish();
  return std::make_shared<GaussianDropoutImpl>(rate, std::move(o));
}

}  // namespace keras::layers
