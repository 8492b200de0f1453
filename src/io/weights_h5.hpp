#pragma once
// Keras 3's `.weights.h5` format (keras-formats.md §4.1), behind Model::save_weights /
// Model::load_weights, which pick the format from the file name.
#include <string>

namespace keras {
class Model;
}

namespace keras::io {

void save_weights_h5(const Model& model, const std::string& filepath);
void load_weights_h5(Model& model, const std::string& filepath);

}  // namespace keras::io
