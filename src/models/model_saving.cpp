// Model::save_weights / load_weights: the format comes from the file name, as in Keras.
#include <string_view>

#include "keras/models/model.hpp"
#include "src/io/weights_h5.hpp"

namespace keras {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

void Model::save_weights(const std::string& filepath) const {
  if (!ends_with(filepath, ".weights.h5"))
    throw ValueError("The filename must end in `.weights.h5`. Received: filepath=" + filepath);
  io::save_weights_h5(*this, filepath);
}

void Model::load_weights(const std::string& filepath) {
  if (!ends_with(filepath, ".weights.h5"))
    throw ValueError("File format not supported: filepath=" + filepath +
                     ". keraspp loads Keras 3 `.weights.h5` files (legacy `.h5` weights and "
                     "`.keras` archives are not supported yet).");
  io::load_weights_h5(*this, filepath);
}

}  // namespace keras
