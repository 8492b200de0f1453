// The private JSON layer the file formats share (src/io/json.hpp): ConfigValue <-> nlohmann's
// ordered_json, and its guards against documents that did not come through parse_json.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include <keras/core/errors.hpp>

#include "src/io/json.hpp"

using namespace keras;
using io::Json;

TEST_CASE("io::parse_json keeps key order and reads Python's non-finite floats") {
  Json j = io::parse_json(R"({"b": NaN, "a": [Infinity, 1, 1.0], "c": -Infinity})");
  REQUIRE(j.is_object());
  auto it = j.begin();
  CHECK(it.key() == "b");
  CHECK(std::isnan(it.value().get<double>()));
  CHECK((++it).key() == "a");
  CHECK(j["a"][0].get<double>() == std::numeric_limits<double>::infinity());
  CHECK(j["a"][1].is_number_integer());
  CHECK(j["a"][2].is_number_float());
  CHECK(j["c"].get<double>() == -std::numeric_limits<double>::infinity());
  CHECK(io::dump_json(j) == R"({"b": NaN, "a": [Infinity, 1, 1.0], "c": -Infinity})");
}

TEST_CASE("io::to_json and io::from_json convert both ways") {
  ConfigValue v = ConfigValue::dict();
  v["x"] = ConfigValue::List{1, 2.5, "s", nullptr, true};
  v["y"] = ConfigValue::dict();
  Json j = io::to_json(v);
  CHECK(j.dump() == R"({"x":[1,2.5,"s",null,true],"y":{}})");
  CHECK(io::from_json(j) == v);
  // An unsigned integer past int64 (nlohmann's own kind) becomes a float.
  CHECK(io::from_json(Json(std::numeric_limits<std::uint64_t>::max())).as_double() ==
        18446744073709551615.0);
  CHECK(io::from_json(Json(std::uint64_t{5})).as_int() == 5);
}

TEST_CASE("io::from_json refuses nesting deeper than the parser allows") {
  Json deep = Json::array();
  for (int i = 0; i < io::kMaxJsonDepth; ++i) deep = Json::array({std::move(deep)});
  CHECK_THROWS_WITH(io::from_json(deep), Catch::Contains("nesting deeper than 512"));
  CHECK_THROWS_AS(io::from_json(Json::binary({1, 2})), ValueError);
}
