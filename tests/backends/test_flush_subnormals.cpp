// Kernels flush subnormals to zero as XLA does on CPU (the exact values against live Keras are
// the "subnormal" cases of the op conformance test); here: the caller's own floating-point
// control is left as it was, and the pool's workers flush like the calling thread.
#include <cstdint>
#include <vector>

#include "src/backends/flush_subnormals.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {
struct ThreadCount {
  explicit ThreadCount(int n) : previous(config::num_threads()) { config::set_num_threads(n); }
  ~ThreadCount() { config::set_num_threads(previous); }
  int previous;
};

// How many elements of x * 1 are not zero, x holding n copies of a subnormal float.
std::int64_t survivors(std::int64_t n) {
  const float subnormal = 1e-39f;
  Tensor x = tensor(std::vector<float>(static_cast<std::size_t>(n), subnormal), {n});
  std::int64_t left = 0;
  for (float v : ops::multiply(x, 1.0).to_vector<float>()) left += v != 0.0f;
  return left;
}
}  // namespace

TEST_CASE("kernels flush subnormals on every thread and restore the caller's float control",
          "[backend]") {
  if (backend::kFlushSubnormalBits == 0) {
    WARN("subnormals are not flushed on this architecture");
    return;
  }
  for (const std::string& name : backend::available()) {
    if (!backend::get(name).capabilities().host_memory) continue;  // strict: same kernels
    testing::BackendScope scope(name);
    INFO("backend " << name);
    const unsigned before = backend::read_float_control();
    REQUIRE((before & backend::kFlushSubnormalBits) == 0);  // a program's default
    // One element, and enough for every thread of the pool to take chunks.
    ThreadCount threads(2);
    CHECK(survivors(1) == 0);
    CHECK(survivors(1 << 20) == 0);
    CHECK(backend::read_float_control() == before);
    // Arithmetic outside the library keeps gradual underflow.
    volatile float tiny = 1e-39f;
    CHECK(tiny * 1.0f != 0.0f);
  }
}
