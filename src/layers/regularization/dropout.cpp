#include "keras/layers/regularization/dropout.hpp"

#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

DropoutImpl::DropoutImpl(double rate, DropoutOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "dropout"),
      rate_(rate),
      options_(std::move(options)),
      seed_generator_(detail::generator_seed(options_.seed)) {
  set_supports_masking(true);
  detail::check_unit_interval(rate, "rate");
  set_built();
}

Tensor DropoutImpl::call(const Tensor& inputs, bool training) {
  if (!training || rate_ == 0.0) return inputs;
  return random::dropout(inputs, rate_, options_.noise_shape, seed_generator_);
}

ConfigValue DropoutImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["rate"] = rate_;
  c["seed"] = detail::seed_config(options_.seed);
  c["noise_shape"] = options_.noise_shape ? shape_to_config(*options_.noise_shape) : ConfigValue();
  return c;
}

std::shared_ptr<Layer> DropoutImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Dropout");
  DropoutOptions o;
  read_base_options(r, o);
  o.seed = r.optional_integer("seed");
  if (const ConfigValue noise_shape = r.raw("noise_shape"); !noise_shape.is_null())
    o.noise_shape = shape_from_config(noise_shape, r.owner() + " noise_shape");
  const double rate = r.required_number("rate");
  r.finish();
  return std::make_shared<DropoutImpl>(rate, std::move(o));
}

}  // namespace keras::layers
