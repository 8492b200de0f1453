// Inputs the fuzz targets of tests/fuzz found (scripts/run_tests.sh, step `fuzz`), reduced to
// what they exercise, each once a crash or a sanitizer report and now a model or a keras error.
#include <cmath>

#include "test_util.hpp"

using namespace keras;

namespace {

// A Sequential of one Dense layer on 3 features, with the given Dense config entries.
std::string dense_model(const std::string& dense_entries) {
  return R"({"class_name": "Sequential", "config": {"name": "s", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}},
      {"class_name": "Dense", "config": {"name": "d", "units": 4, )" +
         dense_entries + "}}]}}";
}

}  // namespace

TEST_CASE("a Dense whose dtype policy is float16 gets float16 weights (was a heap overflow)",
          "[fuzz]") {
  // The random initializers filled the 2-byte float16 buffer as floats.
  for (const std::string init : {"glorot_uniform", "glorot_normal", "he_normal"}) {
    INFO(init);
    auto model = models::model_from_json(dense_model(
        R"("dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float16"}},
           "kernel_initializer": ")" +
        init + "\""));
    const Variable kernel = model->get_layer("d")->weights()[0];
    REQUIRE(kernel.dtype() == DType::float16);
    REQUIRE(kernel.shape() == Shape({3, 4}));
    const auto values = ops::cast(kernel.value(), DType::float32).to_vector<float>();
    const double limit = std::sqrt(6.0 / 7.0) * 2.5;  // beyond any of the three's range
    bool any_nonzero = false;
    for (float v : values) {
      CHECK(std::isfinite(v));
      CHECK(std::abs(v) <= limit);
      any_nonzero = any_nonzero || v != 0.0f;
    }
    CHECK(any_nonzero);
  }
  // The same draw as float32, rounded: float16 is a storage type.
  const Tensor half = random::uniform({5}, -1, 1, DType::float16, 7);
  const Tensor single = random::uniform({5}, -1, 1, DType::float32, 7);
  CHECK(ops::cast(half, DType::float32).to_vector<float>() ==
        ops::cast(ops::cast(single, DType::float16), DType::float32).to_vector<float>());
}
