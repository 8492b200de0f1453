#include "keras_oracle/oracle.hpp"

#include <cstdlib>
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

std::string keras_python() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("KERASPP_PYTHON")) candidates.push_back(env);
  candidates.push_back((fs::path(KERASPP_SOURCE_DIR) / "build/venv/bin/python").string());
  for (const auto& py : candidates) {
    if (!fs::exists(py)) continue;
    // Keras picks its backend when imported; the venv has JAX, not TensorFlow (its default).
    const std::string probe = "KERAS_BACKEND=jax JAX_PLATFORMS=cpu \"" + py +
                              "\" -c \"import keras, h5py\" > /dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return py;
  }
  return "";
}

CheckRun run_check(const std::string& generator, const std::string& job_json) {
  const std::string python = keras_python();
  if (python.empty())
    FAIL(
        "no Python with Keras found (set KERASPP_PYTHON or create build/venv with "
        "scripts/run_tests.sh); run with \"~[keras]\" to deselect");
  const std::string script =
      (fs::path(KERASPP_SOURCE_DIR) / "tests/keras_oracle" / generator).string();
  const std::string log = job_json + ".log";
  const std::string cmd = "KERAS_BACKEND=jax JAX_PLATFORMS=cpu \"" + python + "\" \"" + script +
                          "\" --check \"" + job_json + "\" > \"" + log + "\" 2>&1";
  const int status = std::system(cmd.c_str());
  std::ifstream in(log);
  return {status, std::string(std::istreambuf_iterator<char>(in), {})};
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
