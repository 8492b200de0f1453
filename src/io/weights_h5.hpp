#pragma once
// Keras 3's `.weights.h5` format (keras-formats.md §4.1), behind Model::save_weights /
// Model::load_weights, which pick the format from the file name.
#include <string>

namespace keras {
class Model;
}

namespace keras::io {

void save_weights_h5(const Model& model, const std::string& filepath);
// `skip_mismatch`: a layer whose stored variables do not fit (count or shape) keeps its own,
// with a warning, as Keras's load_weights(skip_mismatch=True).
void load_weights_h5(Model& model, const std::string& filepath, bool skip_mismatch = false);

}  // namespace keras::io
