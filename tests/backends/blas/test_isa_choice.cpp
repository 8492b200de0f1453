// Which compiled kernel set the blas backend runs: the best one this CPU runs, or the one
// KERAS_BLAS_ISA names; a name the build lacks is a ValueError that lists what it has.
#include <cstdlib>
#include <optional>
#include <string>

#include "src/backends/blas/isa.hpp"
#include "src/backends/factories.hpp"
#include "test_util.hpp"

namespace bd = keras::backend::blas;

namespace {
// Sets (or, with nullopt, unsets) KERAS_BLAS_ISA for the scope, restoring what was there.
class IsaVariable {
 public:
  explicit IsaVariable(const std::optional<std::string>& value) {
    if (const char* old = std::getenv("KERAS_BLAS_ISA")) previous_ = old;
    if (value) setenv("KERAS_BLAS_ISA", value->c_str(), 1);
    else unsetenv("KERAS_BLAS_ISA");
  }
  ~IsaVariable() {
    if (previous_) setenv("KERAS_BLAS_ISA", previous_->c_str(), 1);
    else unsetenv("KERAS_BLAS_ISA");
  }

 private:
  std::optional<std::string> previous_;
};
}  // namespace

TEST_CASE("the blas backend runs the best compiled kernel set the CPU runs", "[blas]") {
  IsaVariable unset(std::nullopt);
  std::string best;
  for (const bd::CompiledIsa& isa : bd::compiled_isas())
    if (best.empty() && bd::cpu_runs(isa.name)) best = isa.name;
  REQUIRE_FALSE(best.empty());
  CHECK(bd::chosen_isa() == best);
  CHECK_THAT(keras::backend::make_blas_backend()->info(), Catch::Contains("kernels for " + best));
}

TEST_CASE("KERAS_BLAS_ISA picks any compiled set the CPU runs", "[blas]") {
  for (const bd::CompiledIsa& isa : bd::compiled_isas()) {
    if (!bd::cpu_runs(isa.name)) continue;
    IsaVariable chosen(std::string(isa.name));
    INFO("KERAS_BLAS_ISA=" << isa.name);
    CHECK(bd::chosen_isa() == isa.name);
    CHECK_THAT(keras::backend::make_blas_backend()->info(),
               Catch::Contains(std::string("kernels for ") + isa.name));
  }
}

TEST_CASE("KERAS_BLAS_ISA naming a set the build lacks is a ValueError listing the sets",
          "[blas]") {
  IsaVariable bogus(std::string("avx9000"));
  std::string compiled;
  for (const bd::CompiledIsa& isa : bd::compiled_isas())
    compiled += std::string(compiled.empty() ? "" : ", ") + isa.name;
  REQUIRE_THROWS_AS(keras::backend::make_blas_backend(), keras::ValueError);
  REQUIRE_THROWS_WITH(
      keras::backend::make_blas_backend(),
      Catch::Contains("KERAS_BLAS_ISA='avx9000'") && Catch::Contains("compiled for " + compiled));
}
