#pragma once
// JSON text as Python's `json` module reads and writes it, over nlohmann_json: the form of a
// `ConfigValue` in `.keras` archives (config.json), in `.h5` `model_config` attributes and in
// `ConfigValue::parse` / `dump`. Private: nlohmann is heavy to compile and stays out of the
// public headers.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "keras/core/config_value.hpp"

namespace keras::io {

// ordered_json keeps object keys in document order, as Python's dicts do.
using Json = nlohmann::ordered_json;

// Deepest nesting of lists and dicts accepted: a hostile document of 100000 '[' ends in a
// ValueError instead of exhausting the stack of whatever walks the result recursively.
inline constexpr int kMaxJsonDepth = 512;

Json to_json(const ConfigValue& value);
// Throws ValueError for nesting deeper than kMaxJsonDepth and for binary values.
ConfigValue from_json(const Json& json);

// Parses as Python's json.loads does: standard JSON plus the NaN, Infinity and -Infinity that
// json.dumps writes for non-finite floats (and numbers too large for a double, which Python
// reads as infinities). Integers stay integers, `1.0` stays a float. Throws ValueError naming
// the byte offset and what was expected.
Json parse_json(std::string_view text);

// Writes as Python's json.dumps does by default: ", " and ": " separators, floats as
// Python's repr (shortest text that round-trips), NaN / Infinity / -Infinity, and non-ASCII
// characters escaped as \uXXXX (ensure_ascii=True). Bytes that are not UTF-8 print as \ufffd.
std::string dump_json(const Json& json);

}  // namespace keras::io
