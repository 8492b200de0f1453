#pragma once
// Keras's Lambda layer stores a Python function; keraspp refuses it rather than run it.
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::layers::detail {

// Throws the ValueError that explains why a Lambda layer named `layer_name` cannot be loaded,
// naming the form its function was saved in.
[[noreturn]] void refuse_lambda(const ConfigValue& config, const std::string& layer_name);

}  // namespace keras::layers::detail
