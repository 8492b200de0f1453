#include "src/layers/data_format.hpp"

#include <cctype>

#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"

namespace keras::layers::detail {

std::string standardize_data_format(const std::string& data_format) {
  if (data_format.empty()) return config::image_data_format();
  std::string lower = data_format;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower != "channels_first" && lower != "channels_last")
    throw ValueError(
        "The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
        "Received: data_format=" +
        lower);
  return lower;
}

}  // namespace keras::layers::detail
