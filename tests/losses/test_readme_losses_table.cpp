// The README's losses table is the registry's own output, so it cannot go stale.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <keras/losses/losses.hpp>

#include "test_util.hpp"

TEST_CASE("README lists exactly the registered losses", "[losses]") {
  std::ifstream readme(std::string(KERASPP_SOURCE_DIR) + "/README.md");
  REQUIRE(readme.good());
  std::stringstream text;
  text << readme.rdbuf();
  const std::string table = keras::losses::supported_losses_markdown();
  INFO("Regenerate the table with `build/blas/keraspp losses` and paste it into README.md:\n"
       << table);
  REQUIRE(text.str().find("\n## Losses\n") != std::string::npos);
  REQUIRE(text.str().find(table) != std::string::npos);
  // One row per class with its function: the 22 classes keras.losses exports (the 21 of
  // ALL_OBJECTS and CategoricalGeneralizedCrossEntropy).
  CHECK(std::count(table.begin(), table.end(), '\n') == 2 + 22);
}
