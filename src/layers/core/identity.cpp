#include "keras/layers/core/identity.hpp"

#include "src/layers/config_helpers.hpp"

namespace keras::layers {

std::shared_ptr<Layer> IdentityImpl::from_config(const ConfigValue& config) {
  LayerOptions o;
  read_base_options(config, o);
  return std::make_shared<IdentityImpl>(o);
}

}  // namespace keras::layers
