#pragma once
// Internal: keras.backend.standardize_data_format for the layers that take `data_format`.
#include <string>

namespace keras::layers::detail {

// Empty: keras::config::image_data_format(); otherwise "channels_first" or "channels_last" in
// any case, else Keras's ValueError naming both choices.
std::string standardize_data_format(const std::string& data_format);

}  // namespace keras::layers::detail
