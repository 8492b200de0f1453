#pragma once
// Shared helpers for the test suite: value comparison, backend switching, gradient checking.
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <keras/keras.hpp>

namespace testing {

// The float32 tolerance used throughout: |got - want| <= kAtol + kRtol * |want|.
inline constexpr double kAtol = 1e-5;
inline constexpr double kRtol = 1e-4;

// The suite's one closeness rule, used by every comparison below and by the kernel and
// conformance tests: NaN matches NaN, equal values (infinities included) match, otherwise
// |got - want| <= atol + rtol * |want|.
bool is_close(double got, double want, double atol = kAtol, double rtol = kRtol);
// Empty when got and want (same length) are elementwise close; otherwise how many differ, the
// first (as [i, j, ...] when `shape` is given, else a flat index) and the worst excess over the
// tolerance.
std::string mismatch(const std::vector<double>& got, const std::vector<double>& want,
                     double atol = kAtol, double rtol = kRtol, const keras::Shape* shape = nullptr);

// Empty when `got` matches `want` (dtype unless !check_dtype, shape, values); otherwise what
// differs, in words (the conformance tests' report).
std::string tensor_mismatch(const keras::Tensor& got, const keras::Tensor& want,
                            double atol = kAtol, double rtol = kRtol, bool check_dtype = true);

// Asserts equal shape and elementwise closeness (NaNs must match NaNs).
void require_close(const keras::Tensor& got, const keras::Tensor& want, double atol = kAtol,
                   double rtol = kRtol);
void require_values(const keras::Tensor& got, const std::vector<double>& want,
                    const keras::Shape& shape, double atol = kAtol, double rtol = kRtol);

// Where the Keras oracle's cases are (tests/keras_oracle/*.py write them): the environment's
// KERASPP_ORACLE_DIR, else the directory compiled in.
std::filesystem::path oracle_dir();

// Deterministic random float64/float32 tensors in [lo, hi).
keras::Tensor random_tensor(const keras::Shape& shape, std::uint32_t seed, double lo = -1.0,
                            double hi = 1.0, keras::DType dtype = keras::DType::float64);

// Makes `name` the active backend for the scope.
class BackendScope {
 public:
  explicit BackendScope(const std::string& name);
  ~BackendScope();

 private:
  std::string previous_;
};

// Compares the analytic gradient of sum(f(inputs) * w) (w fixed random weights) with central
// differences. Inputs should be float64.
using Fn = std::function<keras::Tensor(const std::vector<keras::Tensor>&)>;
// {f(inputs), then the gradients of sum(f(inputs) * w) with respect to each input}, w fixed
// random weights (so every output element counts with its own weight).
std::vector<keras::Tensor> value_and_grads(const Fn& f, const std::vector<keras::Tensor>& inputs);
void check_gradients(const Fn& f, const std::vector<keras::Tensor>& inputs, double eps = 1e-6,
                     double atol = 1e-6, double rtol = 1e-5);

// Copies of xs on the named backend (tensors move between backends only explicitly).
std::vector<keras::Tensor> on_backend(const std::vector<keras::Tensor>& xs,
                                      const std::string& name);

// Runs f on every compiled-in backend other than reference and compares with reference.
void check_backends_agree(const Fn& f, const std::vector<keras::Tensor>& inputs,
                          double atol = kAtol, double rtol = kRtol);

}  // namespace testing
