#include "src/io/model_from_file.hpp"

#include "keras/core/errors.hpp"
#include "keras/models/models.hpp"

namespace keras::io {

ModelHandle<> model_from_file_config(const ConfigValue& config, const std::string& filepath) {
  // The layer code that throws knows the layer, not the file; the error gains the file here.
  try {
    return models::model_from_config(config);
  } catch (const ValueError& e) {
    throw ValueError("'" + filepath + "': " + e.what());
  } catch (const TypeError& e) {
    throw TypeError("'" + filepath + "': " + e.what());
  }
}

}  // namespace keras::io
