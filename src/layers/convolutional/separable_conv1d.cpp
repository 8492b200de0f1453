#include "keras/layers/convolutional/separable_conv1d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> SeparableConv1DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_separable_conv_config(config, "SeparableConv1D");
  return std::make_shared<SeparableConv1DImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
