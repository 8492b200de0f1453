#include "keras/layers/core/identity.hpp"

#include "src/layers/config_helpers.hpp"

namespace keras::layers {

std::shared_ptr<Layer> IdentityImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Identity");
  LayerOptions o;
  read_base_options(r, o);
  r.finish();
  return std::make_shared<IdentityImpl>(o);
}

}  // namespace keras::layers
