#include "keras/layers/convolutional/conv1d.hpp"

#include "src/layers/convolutional/conv_config.hpp"

namespace keras::layers {

std::shared_ptr<Layer> Conv1DImpl::from_config(const ConfigValue& config) {
  auto a = detail::read_conv_config(config, "Conv1D");
  return std::make_shared<Conv1DImpl>(a.filters, a.kernel_size, std::move(a.options));
}

}  // namespace keras::layers
