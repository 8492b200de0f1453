#include "keras_oracle/oracle.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace testing::oracle {

namespace fs = std::filesystem;

nlohmann::json manifest(const std::string& file, const std::string& generator) {
  fs::path path = oracle_dir() / file;
  if (!fs::exists(path))
    FAIL("Keras oracle manifest not found: "
         << path.string()
         << "\nGenerate it (needs a Python venv with keras, jax and numpy) with:\n"
            "  KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/"
         << generator << " " << oracle_dir().string()
         << "\n(or run the test command, scripts/run_tests.sh, which does it)");
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

keras::Tensor npy(const std::string& file) {
  return keras::io::load_npy((oracle_dir() / file).string());
}

keras::Tensor raw(const std::string& file, const std::vector<std::int64_t>& dims,
                  const std::string& dtype) {
  keras::DType dt = keras::dtype_from_name(dtype);
  keras::Shape shape(dims);
  fs::path path = oracle_dir() / file;
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open oracle file " + path.string());
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::size_t want = static_cast<std::size_t>(shape.size()) * keras::dtype_size(dt);
  if (bytes.size() != want)
    throw std::runtime_error("oracle file " + file + " has " + std::to_string(bytes.size()) +
                             " bytes, expected " + std::to_string(want));
  return keras::from_raw(bytes.data(), shape, dt);
}

}  // namespace testing::oracle
