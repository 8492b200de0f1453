#include "keras/layers/convolutional/conv2d_transpose.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> Conv2DTransposeImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_conv_transpose_config(config, "Conv2DTranspose");
  return std::make_shared<Conv2DTransposeImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
