#include "keras/layers/activations/leaky_relu.hpp"

#include "keras/activations/activations.hpp"
#include "keras/core/errors.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

LeakyReLUImpl::LeakyReLUImpl(LeakyReLUOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "leaky_re_lu"),
      negative_slope_(options.negative_slope) {
  set_supports_masking(true);
  if (negative_slope_ < 0.0)
    throw ValueError(
        "The negative_slope value of a Leaky ReLU layer cannot be None or negative value. "
        "Expected a float. Received: negative_slope=" +
        std::to_string(negative_slope_));
  set_built();
}

Tensor LeakyReLUImpl::call(const Tensor& inputs, bool) {
  return activations::leaky_relu(inputs, negative_slope_);
}

ConfigValue LeakyReLUImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["negative_slope"] = negative_slope_;
  return c;
}

std::shared_ptr<Layer> LeakyReLUImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "LeakyReLU");
  LeakyReLUOptions o;
  read_base_options(r, o);
  // Keras 2 wrote the slope as `alpha` (Keras 3 still accepts it, with a deprecation warning).
  const std::string key = r.alias({"negative_slope", "alpha"});
  if (!key.empty()) o.negative_slope = r.number(key, 0.3);
  r.finish();
  return std::make_shared<LeakyReLUImpl>(std::move(o));
}

}  // namespace keras::layers
