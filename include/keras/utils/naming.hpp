#pragma once

#include <string>

namespace keras::utils {

// Keras's auto_name: "dense", "dense_1", ... per prefix, process-wide. Layers, models and
// optimizers share one set of counters, as Keras's object_name_uid does.
std::string auto_name(const std::string& prefix);

// Resets the name counters (keras.utils.clear_session()).
void clear_session();

}  // namespace keras::utils
