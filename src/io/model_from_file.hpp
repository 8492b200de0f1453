#pragma once
// Builds the model a file's config describes, its errors naming the file.
#include <string>

#include "keras/core/config_value.hpp"
#include "keras/models/model.hpp"

namespace keras::io {

// models::model_from_config, with the file path put in front of a ValueError / TypeError
// (an unknown class, a refused Lambda, a malformed config) so the message says which file.
ModelHandle<> model_from_file_config(const ConfigValue& config, const std::string& filepath);

}  // namespace keras::io
