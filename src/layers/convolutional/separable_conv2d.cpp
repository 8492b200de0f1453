#include "keras/layers/convolutional/separable_conv2d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> SeparableConv2DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_separable_conv_config(config, "SeparableConv2D");
  return std::make_shared<SeparableConv2DImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
