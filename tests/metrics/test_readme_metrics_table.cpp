// The README's metrics table is the registry's own output, so it cannot go stale.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <keras/metrics/metrics.hpp>

#include "test_util.hpp"

TEST_CASE("README lists exactly the registered metrics", "[metrics]") {
  // (A path, not string concatenation: GCC 12 -O3 warns falsely on the latter here.)
  std::ifstream readme(std::filesystem::path(KERASPP_SOURCE_DIR) / "README.md");
  REQUIRE(readme.good());
  std::stringstream text;
  text << readme.rdbuf();
  const std::string table = keras::metrics::supported_metrics_markdown();
  INFO("Regenerate the table with `build/blas/keraspp metrics` and paste it into README.md:\n"
       << table);
  // Right after the losses, as the other registries' tables.
  const auto metrics_at = text.str().find("\n## Metrics\n");
  REQUIRE(metrics_at != std::string::npos);
  CHECK(text.str().find("\n## Losses\n") < metrics_at);
  CHECK(text.str().find("\n## Optimizers\n") > metrics_at);
  REQUIRE(text.str().find(table) != std::string::npos);
  // One row per registered class: each has its snake_case name in the table.
  const auto names = keras::metrics::all_names();
  std::size_t rows = static_cast<std::size_t>(std::count(table.begin(), table.end(), '\n')) - 2;
  CHECK(rows >= 31);
  for (const auto& name : names) {
    INFO("identifier " << name);
    CHECK(table.find("`" + name + "`") != std::string::npos);
  }
}
