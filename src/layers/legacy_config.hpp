#pragma once
// Keras 1 layer configs, renamed into Keras 2/3 ones before a layer's from_config reads them
// (keras-formats.md §5.8, after Keras 2's legacy/interfaces.py): `output_dim` -> `units`,
// `init` -> `kernel_initializer`, `W_regularizer` -> `kernel_regularizer`, `bias` ->
// `use_bias`, `p` -> `rate`, `border_mode` -> `padding`, `dim_ordering` -> `data_format`, the
// Convolution*D class names, ... Internal: layers::deserialize applies it to every layer.
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::layers::detail {

// The Keras 2 class name and config for a layer entry; configs without Keras 1 keys come back
// unchanged.
std::pair<std::string, ConfigValue> upgrade_keras1_layer(const std::string& class_name,
                                                         const ConfigValue& config);

}  // namespace keras::layers::detail
