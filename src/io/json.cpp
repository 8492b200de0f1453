#include "src/io/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

#include <locale.h>

#include "keras/core/errors.hpp"

namespace keras::io {

// ---- ConfigValue <-> Json ----

Json to_json(const ConfigValue& value) {
  if (value.is_null()) return nullptr;
  if (value.is_bool()) return value.as_bool();
  if (value.is_int()) return value.as_int();
  if (value.is_number()) return value.as_double();
  if (value.is_string()) return value.as_string();
  if (value.is_list()) {
    Json out = Json::array();
    for (const auto& e : value.as_list()) out.push_back(to_json(e));
    return out;
  }
  Json out = Json::object();
  // Dicts built in C++ may hold a key twice; the last value wins, as in a Python dict.
  for (const auto& [k, e] : value.as_dict()) out[k] = to_json(e);
  return out;
}

namespace {

ConfigValue from_json_at(const Json& json, int depth) {
  if ((json.is_array() || json.is_object()) && depth >= kMaxJsonDepth)
    throw ValueError("JSON nesting deeper than " + std::to_string(kMaxJsonDepth));
  switch (json.type()) {
    case Json::value_t::null: return {};
    case Json::value_t::boolean: return json.get<bool>();
    case Json::value_t::number_integer: return json.get<std::int64_t>();
    case Json::value_t::number_unsigned: {
      // nlohmann reads non-negative integers as unsigned; past int64 they become floats, as
      // the old parser did (ConfigValue has no unsigned kind).
      auto u = json.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(u);
      return static_cast<double>(u);
    }
    case Json::value_t::number_float: return json.get<double>();
    case Json::value_t::string: return json.get_ref<const std::string&>();
    case Json::value_t::array: {
      ConfigValue::List out;
      out.reserve(json.size());
      for (const auto& e : json) out.push_back(from_json_at(e, depth + 1));
      return out;
    }
    case Json::value_t::object: {
      ConfigValue::Dict out;
      out.reserve(json.size());
      for (auto it = json.begin(); it != json.end(); ++it)
        out.emplace_back(it.key(), from_json_at(it.value(), depth + 1));
      return out;
    }
    default:
      throw ValueError("JSON value of kind " + std::string(json.type_name()) +
                       " has no config form");
  }
}

}  // namespace

ConfigValue from_json(const Json& json) { return from_json_at(json, 0); }

// ---- parsing ----

namespace {

[[noreturn]] void fail_at(std::size_t offset, const std::string& what) {
  throw ValueError("Invalid JSON at offset " + std::to_string(offset) + ": " + what);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  std::size_t i = 0, n = s.size();
  auto digits = [&] {
    std::size_t start = i;
    while (i < n && is_digit(s[i])) ++i;
    return i > start;
  };
  if (i < n && s[i] == '-') ++i;
  if (i < n && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// A valid JSON number too large for a double (Python reads it as an infinity; nlohmann
// rejects it). strtod_l with the "C" locale, so a program's locale cannot change the answer.
bool overflows_double(std::string_view number) {
  // Without an exponent it takes over 300 digits to pass DBL_MAX (about 1.8e308).
  if (number.find_first_of("eE") == std::string_view::npos && number.size() < 300) return false;
  static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
  std::string text(number);
  return std::isinf(strtod_l(text.c_str(), nullptr, c_locale));
}

// The text nlohmann parses, and the numbers that stand for what standard JSON lacks.
struct Prepared {
  std::string text;
  // (index of the number in document order, the value it stands for), in document order.
  std::vector<std::pair<std::size_t, double>> overrides;
  // The first NUL byte outside strings: nlohmann takes it for the end of the text, and would
  // accept "[1]\0garbage".
  std::size_t nul = std::string::npos;
};

// One pass over the text outside strings: checks the nesting depth, and replaces NaN,
// Infinity, -Infinity and overflowing numbers with a placeholder of the same length ("0" and
// spaces), so that nlohmann's error offsets are offsets in the caller's text. A placeholder
// stands only where a value may begin, so it never joins a neighbour into a valid number.
Prepared prepare(std::string_view in) {
  Prepared p{std::string(in), {}};
  std::string& s = p.text;
  std::size_t numbers = 0;  // number tokens seen so far, placeholders included
  int depth = 0;
  bool in_string = false;
  auto replace = [&](std::size_t at, std::size_t len, double value) {
    s.replace(at, len, len, ' ');
    s[at] = '0';
    p.overrides.emplace_back(numbers++, value);
  };
  auto starts = [&](std::size_t at, std::string_view word) {
    return std::string_view(s).substr(at, word.size()) == word;
  };
  char prev = 0;  // the last character outside strings that is not whitespace
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '\0' && p.nul == std::string::npos) p.nul = i;
    bool value_may_start = prev == 0 || prev == '[' || prev == ',' || prev == ':';
    prev = c;
    if (c == '"') {
      in_string = true;
      ++i;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth)
        fail_at(i, "nesting deeper than " + std::to_string(kMaxJsonDepth));
      ++i;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
      ++i;
    } else if (value_may_start && starts(i, "NaN")) {
      replace(i, 3, std::numeric_limits<double>::quiet_NaN());
      i += 3;
    } else if (value_may_start && starts(i, "Infinity")) {
      replace(i, 8, std::numeric_limits<double>::infinity());
      i += 8;
    } else if (value_may_start && starts(i, "-Infinity")) {
      replace(i, 9, -std::numeric_limits<double>::infinity());
      i += 9;
    } else if (c == '-' || is_digit(c)) {
      // A number token runs to the next character no number contains; in a valid document
      // the tokens counted here are exactly the numbers nlohmann reads, in the same order.
      std::size_t end = i;
      while (end < s.size() && (is_digit(s[end]) || s[end] == '-' || s[end] == '+' ||
                                s[end] == '.' || s[end] == 'e' || s[end] == 'E'))
        ++end;
      std::string_view token = std::string_view(s).substr(i, end - i);
      if (value_may_start && is_json_number(token) && overflows_double(token)) {
        replace(i, token.size(),
                token[0] == '-' ? -std::numeric_limits<double>::infinity()
                                : std::numeric_limits<double>::infinity());
      } else {
        ++numbers;
      }
      i = end;
    } else {
      ++i;
    }
  }
  return p;
}

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 5: " prefix: the offset is given separately, in bytes.
std::string reason(const std::string& what) {
  std::size_t at = what.find("parse error");
  if (at == std::string::npos) return what;
  at = what.find(": ", at);
  return at == std::string::npos ? what : what.substr(at + 2);
}

}  // namespace

Json parse_json(std::string_view text) {
  Prepared prepared = prepare(text);
  std::size_t number = 0, next = 0;
  // The callback sees every scalar in document order, so the n-th number it sees is the n-th
  // number token the scan counted.
  auto restore = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::value && parsed.is_number()) {
      if (next < prepared.overrides.size() && prepared.overrides[next].first == number)
        parsed = prepared.overrides[next++].second;
      ++number;
    }
    return true;
  };
  try {
    Json json = Json::parse(prepared.text, restore);
    // Parsed up to the NUL, which stands where the text should have ended.
    if (prepared.nul != std::string::npos) fail_at(prepared.nul, "NUL byte; expected end of input");
    return json;
  } catch (const Json::parse_error& e) {
    // e.byte counts from 1; an error at the end of the text has byte == size + 1.
    fail_at(e.byte > 0 ? e.byte - 1 : 0, reason(e.what()));
  } catch (const Json::exception& e) {
    throw ValueError(std::string("Invalid JSON: ") + e.what());
  }
}

// ---- writing ----

namespace {

// Python's repr of a float: the shortest digits that round-trip, positional for exponents
// -4..15 ("0.0001", "100.0", "1000000000000000.0"), otherwise scientific with a signed
// exponent of at least two digits ("1e-05", "1e+16", "1.5e-07").
void append_float(double d, std::string& out) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  char buf[64];
  auto end = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific).ptr;
  std::string_view sci(buf, static_cast<std::size_t>(end - buf));  // e.g. "-1.25e-07"
  std::size_t e = sci.find('e');
  std::string_view mantissa = sci.substr(0, e);
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  if (mantissa.front() == '-') {
    out += '-';
    mantissa.remove_prefix(1);
  }
  if (exponent < -4 || exponent >= 16) {
    out.append(mantissa);
    out += exponent < 0 ? "e-" : "e+";
    int magnitude = std::abs(exponent);
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
    return;
  }
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
  } else if (digits.size() <= static_cast<std::size_t>(exponent) + 1) {
    out += digits;
    out.append(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
    out += ".0";
  } else {
    out.append(digits, 0, static_cast<std::size_t>(exponent) + 1);
    out += '.';
    out.append(digits, static_cast<std::size_t>(exponent) + 1);
  }
}

// nlohmann escapes exactly as Python's json.dumps with ensure_ascii=True: \" \\ \b \f \n \r
// \t, other control characters and everything from U+007F up as lowercase \uXXXX (surrogate
// pairs above U+FFFF).
void append_string(const std::string& s, std::string& out) {
  out += Json(s).dump(-1, ' ', true, Json::error_handler_t::replace);
}

void append_json(const Json& json, std::string& out) {
  switch (json.type()) {
    case Json::value_t::null: out += "null"; break;
    case Json::value_t::boolean: out += json.get<bool>() ? "true" : "false"; break;
    case Json::value_t::number_integer: out += std::to_string(json.get<std::int64_t>()); break;
    case Json::value_t::number_unsigned: out += std::to_string(json.get<std::uint64_t>()); break;
    case Json::value_t::number_float: append_float(json.get<double>(), out); break;
    case Json::value_t::string: append_string(json.get_ref<const std::string&>(), out); break;
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& e : json) {
        if (!first) out += ", ";
        first = false;
        append_json(e, out);
      }
      out += ']';
      break;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = json.begin(); it != json.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        append_string(it.key(), out);
        out += ": ";
        append_json(it.value(), out);
      }
      out += '}';
      break;
    }
    default:
      throw ValueError("JSON value of kind " + std::string(json.type_name()) +
                       " cannot be written as text");
  }
}

}  // namespace

std::string dump_json(const Json& json) {
  std::string out;
  append_json(json, out);
  return out;
}

}  // namespace keras::io
