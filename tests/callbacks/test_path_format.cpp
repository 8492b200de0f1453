// ModelCheckpoint's file-name templates follow Python's str.format; the expected strings were
// printed by Python 3 for the same templates and values.
#include "src/callbacks/path_format.hpp"
#include "test_util.hpp"

using keras::callbacks::detail::FormatValue;
using keras::callbacks::detail::KeyError;
using keras::callbacks::detail::python_format;

TEST_CASE("checkpoint paths are formatted as Python's str.format formats them") {
  const std::map<std::string, FormatValue> v = {
      {"epoch", std::int64_t{3}}, {"val_loss", 0.123456}, {"acc", 0.5},
      {"big", 12345.678},         {"neg", -2.5},          {"one", 1.0}};
  CHECK(python_format("ckpt-{epoch:02d}-{val_loss:.2f}.keras", v) == "ckpt-03-0.12.keras");
  CHECK(python_format("{epoch}", v) == "3");
  CHECK(python_format("{val_loss}", v) == "0.123456");
  CHECK(python_format("{acc:.1%}", v) == "50.0%");
  CHECK(python_format("{big:e}", v) == "1.234568e+04");
  CHECK(python_format("{big:.3g}", v) == "1.23e+04");
  CHECK(python_format("{neg:+08.2f}", v) == "-0002.50");
  CHECK(python_format("{epoch:>5d}|{epoch:<5d}|{epoch:^5d}", v) == "    3|3    |  3  ");
  CHECK(python_format("{{x}}{one}", v) == "{x}1.0");
  CHECK(python_format("{neg}", v) == "-2.5");
  CHECK(python_format("no fields.keras", v) == "no fields.keras");
  CHECK_THROWS_AS(python_format("{missing}.keras", v), KeyError);
  CHECK_THROWS_WITH(python_format("{val_loss:d}", v), Catch::Contains("Unknown format code 'd'"));
  CHECK_THROWS_AS(python_format("{epoch", v), keras::ValueError);
  CHECK_THROWS_AS(python_format("epoch}", v), keras::ValueError);
  CHECK_THROWS_AS(python_format("{epoch:.}", v), keras::ValueError);
}
