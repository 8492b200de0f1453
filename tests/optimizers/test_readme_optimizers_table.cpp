// The README's optimizer table is the registry's own output, so it cannot go stale.
#include <fstream>
#include <sstream>

#include "test_util.hpp"

TEST_CASE("README lists exactly the registered optimizers", "[optimizers]") {
  std::ifstream readme(std::string(KERASPP_SOURCE_DIR) + "/README.md");
  REQUIRE(readme.good());
  std::stringstream text;
  text << readme.rdbuf();
  const std::string table = keras::optimizers::supported_optimizers_markdown();
  INFO("Regenerate the table with `build/blas/keraspp optimizers` and paste it into README.md:\n"
       << table);
  REQUIRE(table.find("`Nadam`") != std::string::npos);
  REQUIRE(text.str().find(table) != std::string::npos);
}
