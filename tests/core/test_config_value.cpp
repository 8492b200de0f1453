// ConfigValue's JSON text: dump() writes what Python's json.dumps writes (the expected strings
// below are CPython 3.11's output for the same values), parse() reads what json.loads reads,
// NaN and Infinity included, and rejects everything else with a ValueError naming the offset.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <keras/core/config_value.hpp>
#include <keras/core/errors.hpp>

#include "optimizers/keras_expected.hpp"

using namespace keras;
using Catch::Contains;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

// A value with every kind, nested, keys in an order that is not sorted.
ConfigValue nested() {
  ConfigValue inner = ConfigValue::dict();
  inner["z"] = nullptr;
  inner["a"] = ConfigValue::List{true, false, std::int64_t{-7}, 0.5, "s"};
  ConfigValue v = ConfigValue::dict();
  v["name"] = "dense_1";
  v["units"] = 10;
  v["config"] = inner;
  v["shape"] = ConfigValue::List{ConfigValue(), 28, 28};
  v["empty_list"] = ConfigValue::list();
  v["empty_dict"] = ConfigValue::dict();
  v["deep"] =
      ConfigValue::List{ConfigValue(ConfigValue::List{ConfigValue(ConfigValue::List{inner})})};
  return v;
}

}  // namespace

TEST_CASE("ConfigValue::dump writes Python's json.dumps text") {
  CHECK(
      nested().dump() ==
      R"({"name": "dense_1", "units": 10, "config": {"z": null, "a": [true, false, -7, 0.5, "s"]}, )"
      R"("shape": [null, 28, 28], "empty_list": [], "empty_dict": {}, )"
      R"("deep": [[[{"z": null, "a": [true, false, -7, 0.5, "s"]}]]]})");
  CHECK(ConfigValue(std::numeric_limits<std::int64_t>::max()).dump() == "9223372036854775807");
  CHECK(ConfigValue(-3).dump() == "-3");
}

TEST_CASE("ConfigValue::dump writes floats as Python's repr") {
  const double float32_of_0_001 = static_cast<double>(0.001f);
  ConfigValue floats = ConfigValue::List{float32_of_0_001,
                                         1e-07,
                                         1.0,
                                         10.0,
                                         100.0,
                                         0.0001,
                                         1e-05,
                                         1e16,
                                         1e15,
                                         -0.0,
                                         0.1,
                                         1.5e300,
                                         123456789.0,
                                         5e-324,
                                         12345678901234567.0,
                                         std::nan(""),
                                         kInf,
                                         -kInf};
  CHECK(floats.dump() ==
        "[0.0010000000474974513, 1e-07, 1.0, 10.0, 100.0, 0.0001, 1e-05, 1e+16, "
        "1000000000000000.0, -0.0, 0.1, 1.5e+300, 123456789.0, 5e-324, 1.2345678901234568e+16, "
        "NaN, Infinity, -Infinity]");
}

TEST_CASE("ConfigValue::dump escapes strings as json.dumps with ensure_ascii") {
  ConfigValue strings =
      ConfigValue::List{"\"\\\n\t\r\b\f\x01\x7f/", "\xc3\xa9", "\xf0\x9f\x98\x80", "a\xe2\x82\xac"};
  CHECK(strings.dump() ==
        R"(["\"\\\n\t\r\b\f\u0001\u007f/", "\u00e9", "\ud83d\ude00", "a\u20ac"])");
  // Keys are escaped the same way.
  ConfigValue d = ConfigValue::dict();
  d["\xc3\xa9\n"] = 1;
  CHECK(d.dump() == R"({"\u00e9\n": 1})");
  // Bytes that are not UTF-8 (only C++ can make such a string) print as U+FFFD, never throw.
  CHECK(ConfigValue(std::string("a\xff")).dump() == R"("a\ufffd")");
}

TEST_CASE("ConfigValue reads and writes back the text Keras writes, byte for byte") {
  // Optimizer and schedule configs Keras 3 wrote with json.dumps
  // (tests/optimizers/make_expected.py).
  for (const auto& run : optimizer_expected::runs()) {
    INFO(run.name);
    CHECK(ConfigValue::parse(run.config_json).dump() == run.config_json);
  }
  for (const auto& schedule : optimizer_expected::schedules()) {
    INFO(schedule.name);
    CHECK(ConfigValue::parse(schedule.config_json).dump() == schedule.config_json);
  }
}

TEST_CASE("ConfigValue::parse reads back what dump writes") {
  ConfigValue v = nested();
  CHECK(ConfigValue::parse(v.dump()) == v);
  ConfigValue numbers = ConfigValue::List{0.0010000000474974513,
                                          1e-07,
                                          1.0,
                                          -0.0,
                                          5e-324,
                                          1.7976931348623157e308,
                                          std::numeric_limits<std::int64_t>::min(),
                                          kInf,
                                          -kInf};
  CHECK(ConfigValue::parse(numbers.dump()) == numbers);
  ConfigValue text =
      ConfigValue::List{"\"\\\n\t\r\b\f\x01\x7f/", "\xc3\xa9", "\xf0\x9f\x98\x80", "NaN", ""};
  CHECK(ConfigValue::parse(text.dump()) == text);
  // NaN is not equal to itself, so it is checked on its own.
  ConfigValue nan = ConfigValue::parse(ConfigValue(ConfigValue::List{std::nan("")}).dump());
  REQUIRE(nan.size() == 1);
  CHECK(std::isnan(nan.as_list()[0].as_double()));
}

TEST_CASE("ConfigValue::parse keeps ints, floats and key order as Python does") {
  ConfigValue v = ConfigValue::parse(R"({"b": 1, "a": 1.0, "c": -0, "d": 1e2, "e": 2.5E-3})");
  REQUIRE(v.is_dict());
  CHECK(v.as_dict()[0].first == "b");
  CHECK(v.as_dict()[1].first == "a");
  CHECK(v.at("b").is_int());
  CHECK_FALSE(v.at("a").is_int());
  CHECK(v.at("a").dump() == "1.0");
  CHECK(v.at("c").is_int());
  CHECK_FALSE(v.at("d").is_int());
  CHECK(v.at("d").as_double() == 100.0);
  CHECK(v.at("e").as_double() == 0.0025);
  // Past int64 an integer becomes a float (ConfigValue has no big integers).
  CHECK(ConfigValue::parse("9223372036854775807").is_int());
  CHECK(ConfigValue::parse("9223372036854775808").as_double() == 9223372036854775808.0);
  CHECK(ConfigValue::parse("-9223372036854775809").as_double() == -9223372036854775808.0);
  // A repeated key keeps its first place and its last value, as json.loads does.
  CHECK(ConfigValue::parse(R"({"a": 1, "b": 2, "a": 3})").dump() == R"({"a": 3, "b": 2})");
  // Whitespace anywhere between tokens.
  CHECK(ConfigValue::parse(" \n\t\r[ 1 ,\n2 ] \n") == ConfigValue(ConfigValue::List{1, 2}));
}

TEST_CASE("ConfigValue::parse reads NaN, Infinity and -Infinity outside strings only") {
  ConfigValue v = ConfigValue::parse(
      R"({"a": NaN, "b": [Infinity, -Infinity, 1, NaN], "NaN": "NaN", "c": "x Infinity -Infinity"})");
  CHECK(std::isnan(v.at("a").as_double()));
  const auto& b = v.at("b").as_list();
  REQUIRE(b.size() == 4);
  CHECK(b[0].as_double() == kInf);
  CHECK(b[1].as_double() == -kInf);
  CHECK(b[2].is_int());
  CHECK(std::isnan(b[3].as_double()));
  CHECK(v.at("NaN").as_string() == "NaN");
  CHECK(v.at("c").as_string() == "x Infinity -Infinity");
  CHECK(std::isnan(ConfigValue::parse("NaN").as_double()));
  CHECK(ConfigValue::parse(" -Infinity ").as_double() == -kInf);
  // A string with an escaped quote does not end the string early.
  CHECK(ConfigValue::parse(R"(["a\"NaN", NaN])").as_list()[0].as_string() == "a\"NaN");
  // Numbers too large for a double are infinities, as json.loads reads them.
  CHECK(ConfigValue::parse("[1e999, -1e999, 1e-999]") ==
        ConfigValue(ConfigValue::List{kInf, -kInf, 0.0}));
  // Long runs of whitespace stay linear.
  CHECK(std::isnan(ConfigValue::parse(std::string(1 << 20, ' ') + "NaN").as_double()));
}

TEST_CASE("ConfigValue::parse decodes unicode escapes to UTF-8") {
  CHECK(ConfigValue::parse(R"("\u00e9\u20AC\ud83d\ude00\u0000/\/")").as_string() ==
        std::string("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\0//", 12));
  // Raw UTF-8 is read as it is.
  CHECK(ConfigValue::parse("\"\xc3\xa9\"").as_string() == "\xc3\xa9");
}

TEST_CASE("ConfigValue::parse rejects malformed JSON with a ValueError naming the offset") {
  // Truncated documents: the offset is the end of the text.
  CHECK_THROWS_WITH(ConfigValue::parse(""), Contains("offset 0") && Contains("expected"));
  CHECK_THROWS_WITH(ConfigValue::parse("[1, 2"), Contains("Invalid JSON at offset 5"));
  CHECK_THROWS_WITH(ConfigValue::parse(R"({"a": 1)"), Contains("offset 7"));
  CHECK_THROWS_WITH(ConfigValue::parse(R"("abc)"), Contains("offset 4"));
  CHECK_THROWS_WITH(ConfigValue::parse("tru"), Contains("offset"));
  // Trailing garbage and missing separators say what was expected.
  CHECK_THROWS_WITH(ConfigValue::parse("[1] x"), Contains("offset 4"));
  CHECK_THROWS_WITH(ConfigValue::parse("[1 2]"), Contains("offset 3") && Contains("expected ']'"));
  CHECK_THROWS_WITH(ConfigValue::parse(R"({"a" 1})"), Contains("offset 5") && Contains("':'"));
  const char* malformed[] = {
      "[1,]", "{\"a\": 1,}", "{a: 1}", "[1 2]", "nul", "True", "None",
      // escapes
      R"("\q")", R"("\u12")", R"("\uZZZZ")",
      // a lone surrogate is not text (json.loads keeps it in a str; a C++ string cannot)
      R"("\ud800")", R"("\ude00x")", R"("\ud800\u0041")",
      // raw control characters must be escaped inside strings
      "\"a\nb\"", "\"\t\"",
      // not UTF-8: a lone continuation byte, an overlong form, a cut sequence, a surrogate
      "\"\x80\"", "\"\xc0\xaf\"", "\"\xe2\x82\"", "\"\xed\xa0\x80\"", "\"\xff\"",
      // numbers JSON does not allow
      "+1", "01", ".5", "1.", "1e", "-", "--1", "0x10", "1.5.2",
      // non-finite spellings json.loads does not read, or not where a value starts
      "nan", "NAN", "-NaN", "+Infinity", "inf", "NaNx", "1NaN", "1.NaN", "[NaN NaN]", "Infinity1",
      "[1, -Infinityx]", "{\"a\": NaN NaN}", "\"a\" NaN"};
  for (const char* text : malformed) {
    INFO(text);
    CHECK_THROWS_AS(ConfigValue::parse(text), ValueError);
    CHECK_THROWS_WITH(ConfigValue::parse(text), Contains("Invalid JSON at offset"));
  }
  // A NUL byte is not whitespace, nor the end of the text.
  CHECK_THROWS_WITH(ConfigValue::parse(std::string("[1]\0", 4)), Contains("offset 3"));
  CHECK_THROWS_WITH(ConfigValue::parse(std::string("[1]\0x", 5)), Contains("offset 3"));
  CHECK_THROWS_WITH(ConfigValue::parse(std::string("[1\0]", 4)), Contains("offset 2"));
  CHECK_THROWS_AS(ConfigValue::parse(std::string("\"\0\"", 3)), ValueError);
}

TEST_CASE("ConfigValue::parse refuses nesting deeper than 512 instead of overflowing the stack") {
  std::string ok = std::string(512, '[') + std::string(512, ']');
  CHECK(ConfigValue::parse(ok).size() == 1);
  CHECK_THROWS_WITH(ConfigValue::parse(std::string(513, '[') + std::string(513, ']')),
                    Contains("offset 512") && Contains("nesting deeper than 512"));
  CHECK_THROWS_WITH(ConfigValue::parse(std::string(100000, '[')),
                    Contains("nesting deeper than 512"));
  std::string dicts;
  for (int i = 0; i < 100000; ++i) dicts += R"({"a": )";
  CHECK_THROWS_AS(ConfigValue::parse(dicts), ValueError);
  // Brackets inside strings are text, not nesting.
  CHECK(ConfigValue::parse('"' + std::string(100000, '[') + '"').as_string().size() == 100000);
}
