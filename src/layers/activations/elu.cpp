#include "keras/layers/activations/elu.hpp"

#include "keras/activations/activations.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ELUImpl::ELUImpl(ELUOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "elu"), alpha_(options.alpha) {
  set_supports_masking(true);
  set_built();
}

Tensor ELUImpl::call(const Tensor& inputs, bool) { return activations::elu(inputs, alpha_); }

ConfigValue ELUImpl::get_config() const {
  // Keras 3's ELU has no get_config of its own, so its files lose alpha (a model saved with
  // alpha=0.5 reloads with 1.0). We write it: Keras's constructor accepts it when loading.
  ConfigValue c = Layer::get_config();
  c["alpha"] = alpha_;
  return c;
}

std::shared_ptr<Layer> ELUImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ELU");
  ELUOptions o;
  read_base_options(r, o);
  o.alpha = r.number("alpha", 1.0);
  r.finish();
  return std::make_shared<ELUImpl>(std::move(o));
}

}  // namespace keras::layers
