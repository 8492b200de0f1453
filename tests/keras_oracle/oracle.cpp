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

namespace {

// What each Keras needs in its environment: the backend Keras 3 imports (the venv has JAX,
// not TensorFlow, its default), and the switch that makes TensorFlow use tf-keras. Keras 3's
// checks share JAX's persistent compilation cache with the generators (scripts/run_tests.sh):
// XLA compiling the same steps again — a model loaded from its .keras and from its .h5, the
// suite run on each backend — was most of their time.
std::string environment(Keras which) {
  if (which == Keras::tf_keras) return "TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 ";
  return "KERAS_BACKEND=jax JAX_PLATFORMS=cpu JAX_COMPILATION_CACHE_DIR=\"" +
         (oracle_dir() / "jax_cache").string() +
         "\" JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS=0 "
         "JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES=0 ";
}

}  // namespace

std::string python(Keras which) {
  const bool k3 = which == Keras::keras3;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv(k3 ? "KERASPP_PYTHON" : "KERASPP_TF_PYTHON"))
    candidates.push_back(env);
  candidates.push_back(
      (fs::path(KERASPP_SOURCE_DIR) / (k3 ? "build/venv" : "build/venv-tf") / "bin/python")
          .string());
  const std::string imports = k3 ? "import keras, h5py" : "import tf_keras, h5py";
  for (const auto& py : candidates) {
    if (!fs::exists(py)) continue;
    const std::string probe =
        environment(which) + "\"" + py + "\" -c \"" + imports + "\" > /dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return py;
  }
  return "";
}

CheckRun run_check(const std::string& generator, const std::string& job_json, Keras which) {
  const std::string py = python(which);
  if (py.empty())
    FAIL("no Python with " << (which == Keras::keras3 ? "Keras 3" : "tf-keras")
                           << " found (set KERASPP_PYTHON / KERASPP_TF_PYTHON or create "
                              "build/venv and build/venv-tf with scripts/run_tests.sh); run with "
                              "\"~[keras]\" to deselect");
  const std::string script =
      (fs::path(KERASPP_SOURCE_DIR) / "tests/keras_oracle" / generator).string();
  const std::string log = job_json + ".log";
  const std::string cmd = environment(which) + "\"" + py + "\" \"" + script + "\" --check \"" +
                          job_json + "\" > \"" + log + "\" 2>&1";
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

keras::Tensor array(const nlohmann::json& a) {
  return keras::tensor<float>(a.at("values").get<std::vector<float>>(), shape_of(a));
}

keras::Shape shape_of(const nlohmann::json& a) {
  return keras::Shape(a.at("shape").get<std::vector<std::int64_t>>());
}

}  // namespace testing::oracle
