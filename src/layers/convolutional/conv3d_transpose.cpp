#include "keras/layers/convolutional/conv3d_transpose.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> Conv3DTransposeImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_conv_transpose_config(config, "Conv3DTranspose");
  return std::make_shared<Conv3DTransposeImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
