#include "keras/layers/convolutional/conv2d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> Conv2DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_conv_config(config, "Conv2D");
  return std::make_shared<Conv2DImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
