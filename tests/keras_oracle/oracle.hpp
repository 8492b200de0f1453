#pragma once
// The one reader of what tests/keras_oracle/*.py write into the oracle directory
// (testing::oracle_dir()): JSON manifests and the arrays they name (.npy files, or raw
// little-endian buffers for the op cases). A missing manifest fails the test with the command
// that generates it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace testing::oracle {

// <oracle dir>/<file> parsed; FAIL naming `generator` (e.g. "generate_fit.py") when absent.
nlohmann::json manifest(const std::string& file, const std::string& generator);

// An array saved with numpy.save, by its file name in the oracle directory.
keras::Tensor npy(const std::string& file);
// An array saved as raw bytes (ndarray.tofile) with the given shape and dtype name; the file
// must hold exactly shape.size() elements.
keras::Tensor raw(const std::string& file, const std::vector<std::int64_t>& shape,
                  const std::string& dtype);
// An array written inline in a manifest as {"shape": [...], "values": [...]} (oracle_common.py's
// `array`), as float32; and its shape alone.
keras::Tensor array(const nlohmann::json& a);
keras::Shape shape_of(const nlohmann::json& a);

// The other direction — Keras loading what we wrote — runs a generator's `--check` mode, with
// the Python of one of the two Kerases (each in its own virtual environment, made by
// scripts/run_tests.sh): Keras 3 on JAX ($KERASPP_PYTHON, else build/venv) or tf-keras 2 on
// TensorFlow ($KERASPP_TF_PYTHON, else build/venv-tf). python() is "" when there is none;
// run_check FAILs the test then (deselect such tests with "~[keras]"), and returns the
// script's exit status and output.
enum class Keras { keras3, tf_keras };
std::string python(Keras which);
struct CheckRun {
  int status;
  std::string output;
};
CheckRun run_check(const std::string& generator, const std::string& job_json,
                   Keras which = Keras::keras3);

}  // namespace testing::oracle
