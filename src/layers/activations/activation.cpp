#include "keras/layers/activations/activation.hpp"

#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ActivationImpl::ActivationImpl(activations::Spec activation, LayerOptions options)
    : Layer(options, "activation"), activation_(std::move(activation)) {
  set_supports_masking(true);
  set_built();
}

Tensor ActivationImpl::call(const Tensor& inputs, bool) { return activation_(inputs); }

ConfigValue ActivationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["activation"] = activation_.name();
  return c;
}

std::shared_ptr<Layer> ActivationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Activation");
  LayerOptions o;
  read_base_options(r, o);
  const std::string activation = r.required_string("activation");
  r.finish();
  return std::make_shared<ActivationImpl>(activations::Spec(activation), o);
}

}  // namespace keras::layers
