#include "keras/layers/convolutional/depthwise_conv2d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> DepthwiseConv2DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_depthwise_conv_config(config, "DepthwiseConv2D");
  return std::make_shared<DepthwiseConv2DImpl>(a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
