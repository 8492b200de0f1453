#include "keras/layers/regularization/gaussian_noise.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

GaussianNoiseImpl::GaussianNoiseImpl(double stddev, GaussianNoiseOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "gaussian_noise"),
      stddev_(stddev),
      options_(std::move(options)),
      seed_generator_(detail::generator_seed(options_.seed)) {
  set_supports_masking(true);
  detail::check_unit_interval(stddev, "stddev");
  set_built();
}

Tensor GaussianNoiseImpl::call(const Tensor& inputs, bool training) {
  if (!training || stddev_ == 0.0) return inputs;
  return ops::add(inputs,
                  random::normal(inputs.shape(), 0.0, stddev_, compute_dtype(), seed_generator_));
}

ConfigValue GaussianNoiseImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["stddev"] = stddev_;
  c["seed"] = detail::seed_config(options_.seed);
  return c;
}

std::shared_ptr<Layer> GaussianNoiseImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "GaussianNoise");
  GaussianNoiseOptions o;
  read_base_options(r, o);
  o.seed = r.optional_integer("seed");
  const double stddev = r.required_number("stddev");
  r.finish();
  return std::make_shared<GaussianNoiseImpl>(stddev, std::move(o));
}

}  // namespace keras::layers
