// The README's supported-layers table is the registry's own output, so it cannot go stale.
#include <fstream>
#include <sstream>

#include "test_util.hpp"

TEST_CASE("README lists exactly the registered layers") {
  std::ifstream readme(std::string(KERASPP_SOURCE_DIR) + "/README.md");
  REQUIRE(readme.good());
  std::stringstream text;
  text << readme.rdbuf();
  std::string table = keras::layers::supported_layers_markdown();
  INFO("Regenerate the table with `build/blas/keraspp layers` and paste it into README.md:\n"
       << table);
  REQUIRE(text.str().find(table) != std::string::npos);
}
