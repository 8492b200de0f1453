// The backend seam a device backend will use, proven on `strict`: buffers the core cannot
// touch except through read / write, explicit moves between backends, declined kernels that
// fall back visibly, and the float16 / bfloat16 storage types.
#include <cstdlib>
#include <cstring>

#include "src/backends/reference/reference_backend.hpp"
#include "src/backends/strict/strict_backend.hpp"
#include "test_util.hpp"

using namespace keras;

TEST_CASE("strict buffers refuse host access; their bytes move only through read/write",
          "[backend]") {
  testing::BackendScope scope("strict");
  REQUIRE_FALSE(backend::current().capabilities().host_memory);
  Tensor t = ops::add(ops::ones({2, 3}, DType::float32), 1.0);
  REQUIRE_FALSE(t.buffer()->is_host());
  REQUIRE(t.backend().name() == "strict");
  REQUIRE_THROWS_AS(t.buffer()->data(), TypeError);
  REQUIRE_THROWS_WITH(t.data<float>(), Catch::Contains("strict") && Catch::Contains("to_vector"));
  REQUIRE_THROWS_AS(t.raw_data(), TypeError);
  REQUIRE_THROWS_AS(mutable_data(t), TypeError);
  REQUIRE(t.to_vector<float>() == std::vector<float>(6, 2.0f));

  backend::Backend& be = backend::current();
  float four[2] = {4.0f, 5.0f};
  be.write(*t.buffer(), 4, four, sizeof four);  // elements 1 and 2
  float back[3] = {};
  be.read(*t.buffer(), 0, back, sizeof back);
  REQUIRE(back[0] == 2.0f);
  REQUIRE(back[1] == 4.0f);
  REQUIRE(back[2] == 5.0f);
  REQUIRE_THROWS_AS(be.read(*t.buffer(), 20, back, 8), ValueError);  // past the 24 bytes
}

TEST_CASE("the build contains exactly the backends its configuration asks for", "[backend]") {
  // Registered-at-run-time test backends come after the compiled ones.
  std::vector<std::string> compiled;
  for (const auto& name : backend::available())
    if (name.rfind("declines_", 0) != 0) compiled.push_back(name);
  std::string joined;
  for (const auto& name : compiled) joined += (joined.empty() ? "" : ",") + name;
  REQUIRE(joined == KERASPP_EXPECTED_BACKENDS);
  // The default is the first: blas in a blas build (unless KERAS_BACKEND picks another).
  if (!std::getenv("KERAS_BACKEND")) REQUIRE(backend::name() == compiled.front());
}

TEST_CASE("the host backends pass as host memory", "[backend]") {
  for (const auto& name : backend::available()) {
    if (name == "strict") continue;
    testing::BackendScope scope(name);
    REQUIRE(backend::current().capabilities().host_memory);
    Tensor t = ops::ones({4}, DType::float32);
    REQUIRE(t.buffer()->is_host());
    REQUIRE(t.data<float>()[3] == 1.0f);
  }
}

TEST_CASE("tensors move between backends only by an explicit copy", "[backend]") {
  Tensor on_strict;
  {
    testing::BackendScope scope("strict");
    on_strict = tensor<float>({1, 2, 3, 4}, {2, 2});
  }
  {
    testing::BackendScope scope("reference");
    REQUIRE_THROWS_WITH(ops::add(on_strict, 1.0),
                        Catch::Contains("another backend") && Catch::Contains("to_backend"));
    Tensor moved = backend::to_backend(on_strict, "reference");
    REQUIRE(moved.backend().name() == "reference");
    testing::require_values(ops::add(moved, 1.0), {2, 3, 4, 5}, {2, 2});
    Tensor host = ops::ones({2}, DType::float32);
    testing::BackendScope strict("strict");
    REQUIRE_THROWS_WITH(ops::multiply(host, 2.0), Catch::Contains("host memory"));
    testing::require_values(ops::multiply(backend::to_backend(host, "strict"), 2.0), {2, 2}, {2});
  }
  REQUIRE(&backend::to_backend(on_strict, "strict").backend() == &on_strict.backend());
}

namespace {
// A device-like backend that declines matmul, and a host one that declines unary kernels on
// float64: the core must run them on the reference kernels and say so.
class DeclinesMatmul : public backend::StrictBackend {
 public:
  std::string name() const override { return "declines_matmul"; }
  bool supports_op(backend::Kernel k, DType) const override { return k != backend::Kernel::matmul; }
  bool can_use(const backend::Buffer& b) const override {
    return dynamic_cast<const backend::StrictBuffer*>(&b) != nullptr;
  }
};
class DeclinesFloat64Unary : public backend::ReferenceBackend {
 public:
  std::string name() const override { return "declines_f64_unary"; }
  bool supports_op(backend::Kernel k, DType d) const override {
    return !(k == backend::Kernel::unary && d == DType::float64);
  }
  // Only the declined dtype must never arrive here: other tests that run every registered
  // backend (in the same process) use its float32 unaries.
  void unary(backend::UnaryOp op, const backend::Buffer& x, backend::Buffer& out, std::int64_t n,
             DType d, double param) override {
    if (d == DType::float64) throw std::logic_error("a declined kernel was called");
    ReferenceBackend::unary(op, x, out, n, d, param);
  }
};
bool reported(const std::string& backend_name, backend::Kernel k, DType d) {
  for (const auto& f : backend::fallbacks())
    if (f.backend == backend_name && f.kernel == k && f.dtype == d) return true;
  return false;
}
}  // namespace

TEST_CASE("a declined kernel falls back to the reference kernels, visibly", "[backend]") {
  static bool registered = [] {
    backend::register_backend("declines_matmul", [] { return std::make_unique<DeclinesMatmul>(); });
    backend::register_backend("declines_f64_unary",
                              [] { return std::make_unique<DeclinesFloat64Unary>(); });
    return true;
  }();
  REQUIRE(registered);
  REQUIRE_THROWS_AS(
      backend::register_backend("strict", [] { return std::make_unique<DeclinesMatmul>(); }),
      ValueError);
  Tensor a = testing::random_tensor({3, 4}, 1, -1, 1, DType::float32);
  Tensor b = testing::random_tensor({4, 2}, 2, -1, 1, DType::float32);
  Tensor want = ops::matmul(a, b);
  {
    testing::BackendScope scope("declines_matmul");
    REQUIRE_FALSE(reported("declines_matmul", backend::Kernel::matmul, DType::float32));
    Tensor got = ops::matmul(backend::to_backend(a, "declines_matmul"),
                             backend::to_backend(b, "declines_matmul"));
    REQUIRE(got.backend().name() == "declines_matmul");
    testing::require_close(got, want);
    REQUIRE(reported("declines_matmul", backend::Kernel::matmul, DType::float32));
  }
  {
    testing::BackendScope scope("declines_f64_unary");
    Tensor x = tensor<double>({0.0, 1.0}, {2});
    testing::require_values(ops::exp(x), {1.0, std::exp(1.0)}, {2});
    REQUIRE(reported("declines_f64_unary", backend::Kernel::unary, DType::float64));
    REQUIRE_FALSE(reported("declines_f64_unary", backend::Kernel::unary, DType::float32));
  }
}

TEST_CASE("float16 and bfloat16 store, cast and round as IEEE / bfloat16 do", "[backend]") {
  REQUIRE(float_to_half(1.0f) == 0x3C00);
  REQUIRE(float_to_half(-2.0f) == 0xC000);
  REQUIRE(float_to_half(65504.0f) == 0x7BFF);                      // largest finite half
  REQUIRE(float_to_half(65520.0f) == 0x7C00);                      // rounds to inf
  REQUIRE(float_to_half(std::ldexp(1.0f, -24)) == 0x0001);         // smallest subnormal
  REQUIRE(float_to_half(std::ldexp(1.0f, -26)) == 0x0000);         // below half of it
  REQUIRE(float_to_half(1.0f + std::ldexp(1.0f, -11)) == 0x3C00);  // tie to even
  REQUIRE(float_to_half(1.0f + 3 * std::ldexp(1.0f, -11)) == 0x3C02);
  REQUIRE(half_to_float(0x0001) == std::ldexp(1.0f, -24));
  REQUIRE(half_to_float(0x3555) == 0.333251953125f);
  REQUIRE(std::isnan(half_to_float(float_to_half(std::nanf("")))));
  REQUIRE(float_to_bfloat16(1.0f) == 0x3F80);
  REQUIRE(bfloat16_to_float(float_to_bfloat16(1.0f / 3.0f)) == 0.333984375f);
  for (std::uint32_t bits = 0; bits < 0x7C00; bits += 7)  // every 7th finite half round-trips
    REQUIRE(float_to_half(half_to_float(static_cast<std::uint16_t>(bits))) == bits);

  REQUIRE(dtype_from_name("float16") == DType::float16);
  REQUIRE(dtype_size(DType::bfloat16) == 2);
  REQUIRE(promote_types(DType::float16, false, DType::float32, false) == DType::float32);
  REQUIRE(promote_types(DType::float16, false, DType::bfloat16, false) == DType::float32);
  for (const auto& name : backend::available()) {
    testing::BackendScope scope(name);
    INFO("backend " << name);
    Tensor x = tensor<float>({1.0f / 3, -2.5f, 70000.0f, 1e-8f}, {4});
    Tensor h = ops::cast(x, DType::float16);
    REQUIRE(h.dtype() == DType::float16);
    REQUIRE(h.nbytes() == 8);
    auto v = h.to_vector<float>();
    REQUIRE(v[0] == 0.333251953125f);
    REQUIRE(v[1] == -2.5f);
    REQUIRE(std::isinf(v[2]));
    REQUIRE(v[3] == 0.0f);
    Tensor bf = ops::cast(x, DType::bfloat16);
    REQUIRE(ops::cast(bf, DType::float32).to_vector<float>()[0] == 0.333984375f);
    // Moving and slicing copy raw 2-byte elements.
    REQUIRE(ops::reshape(h, {2, 2}).to_vector<float>()[1] == -2.5f);
    REQUIRE(ops::concatenate({h, h}, 0).to_vector<float>()[5] == -2.5f);
    REQUIRE_THROWS_WITH(ops::add(h, h),
                        Catch::Contains("storage type") && Catch::Contains("float32"));
  }
}
