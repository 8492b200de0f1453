#include "keras/layers/convolutional/depthwise_conv1d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> DepthwiseConv1DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_depthwise_conv_config(config, "DepthwiseConv1D");
  return std::make_shared<DepthwiseConv1DImpl>(a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
