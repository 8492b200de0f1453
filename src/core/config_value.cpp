#include "keras/core/config_value.hpp"

#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "keras/core/errors.hpp"

namespace keras {

const char* ConfigValue::kind() const {
  static const char* names[] = {"null", "bool", "int", "float", "string", "list", "dict"};
  return names[v_.index()];
}

namespace {
[[noreturn]] void wrong_kind(const char* want, const char* got) {
  throw ValueError(std::string("Config value: expected ") + want + ", received " + got);
}
}  // namespace

bool ConfigValue::as_bool() const {
  if (!is_bool()) wrong_kind("bool", kind());
  return std::get<bool>(v_);
}
std::int64_t ConfigValue::as_int() const {
  if (is_int()) return std::get<std::int64_t>(v_);
  if (std::holds_alternative<double>(v_)) {
    double d = std::get<double>(v_);
    if (std::floor(d) == d && std::abs(d) < 9.0e18) return static_cast<std::int64_t>(d);
  }
  wrong_kind("int", kind());
}
double ConfigValue::as_double() const {
  if (std::holds_alternative<double>(v_)) return std::get<double>(v_);
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
  wrong_kind("float", kind());
}
const std::string& ConfigValue::as_string() const {
  if (!is_string()) wrong_kind("string", kind());
  return std::get<std::string>(v_);
}
const ConfigValue::List& ConfigValue::as_list() const {
  if (!is_list()) wrong_kind("list", kind());
  return std::get<List>(v_);
}
ConfigValue::List& ConfigValue::as_list() {
  if (!is_list()) wrong_kind("list", kind());
  return std::get<List>(v_);
}
const ConfigValue::Dict& ConfigValue::as_dict() const {
  if (!is_dict()) wrong_kind("dict", kind());
  return std::get<Dict>(v_);
}
ConfigValue::Dict& ConfigValue::as_dict() {
  if (is_null()) v_ = Dict{};
  if (!is_dict()) wrong_kind("dict", kind());
  return std::get<Dict>(v_);
}
std::vector<std::int64_t> ConfigValue::as_int_list() const {
  std::vector<std::int64_t> out;
  for (const auto& v : as_list()) out.push_back(v.as_int());
  return out;
}

bool ConfigValue::contains(const std::string& key) const {
  if (!is_dict()) return false;
  for (const auto& [k, v] : std::get<Dict>(v_))
    if (k == key) return true;
  return false;
}
const ConfigValue& ConfigValue::at(const std::string& key) const {
  for (const auto& [k, v] : as_dict())
    if (k == key) return v;
  throw ValueError("Config is missing the key '" + key + "'");
}
ConfigValue& ConfigValue::operator[](const std::string& key) {
  auto& d = as_dict();
  for (auto& [k, v] : d)
    if (k == key) return v;
  d.emplace_back(key, ConfigValue());
  return d.back().second;
}
ConfigValue ConfigValue::get(const std::string& key, ConfigValue fallback) const {
  if (!is_dict()) return fallback;
  for (const auto& [k, v] : std::get<Dict>(v_))
    if (k == key) return v.is_null() ? fallback : v;
  return fallback;
}
std::size_t ConfigValue::size() const {
  if (is_list()) return std::get<List>(v_).size();
  if (is_dict()) return std::get<Dict>(v_).size();
  return 0;
}

namespace {
void dump_string(const std::string& s, std::string& out) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void dump_to(const ConfigValue& v, std::string& out) {
  if (v.is_null()) {
    out += "null";
  } else if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else if (v.is_int()) {
    out += std::to_string(v.as_int());
  } else if (v.is_number()) {
    double d = v.as_double();
    if (std::isnan(d)) {
      out += "NaN";
      return;
    }
    if (std::isinf(d)) {
      out += d > 0 ? "Infinity" : "-Infinity";
      return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    // Prefer the shortest text that round-trips, as Python's repr does.
    for (int prec = 1; prec <= 17; ++prec) {
      char shorter[32];
      std::snprintf(shorter, sizeof shorter, "%.*g", prec, d);
      if (std::strtod(shorter, nullptr) == d) {
        std::snprintf(buf, sizeof buf, "%s", shorter);
        break;
      }
    }
    std::string s = buf;
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    out += s;
  } else if (v.is_string()) {
    dump_string(v.as_string(), out);
  } else if (v.is_list()) {
    out += '[';
    bool first = true;
    for (const auto& e : v.as_list()) {
      if (!first) out += ", ";
      first = false;
      dump_to(e, out);
    }
    out += ']';
  } else {
    out += '{';
    bool first = true;
    for (const auto& [k, e] : v.as_dict()) {
      if (!first) out += ", ";
      first = false;
      dump_string(k, out);
      out += ": ";
      dump_to(e, out);
    }
    out += '}';
  }
}

class Parser {
 public:
  explicit Parser(const std::string& s) : s_(s) {}
  ConfigValue parse_document() {
    ConfigValue v = value(0);
    skip_ws();
    if (pos_ != s_.size()) fail("trailing characters");
    return v;
  }

 private:
  const std::string& s_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw ValueError("Invalid JSON at offset " + std::to_string(pos_) + ": " + what);
  }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  bool consume(const char* word) {
    std::size_t n = std::char_traits<char>::length(word);
    if (s_.compare(pos_, n, word) == 0) {
      pos_ += n;
      return true;
    }
    return false;
  }
  ConfigValue value(int depth) {
    if (depth > 512) fail("nesting deeper than 512");
    skip_ws();
    if (pos_ >= s_.size()) fail("unexpected end");
    char c = s_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return ConfigValue(string());
    if (consume("null")) return ConfigValue();
    if (consume("true")) return ConfigValue(true);
    if (consume("false")) return ConfigValue(false);
    if (consume("NaN")) return ConfigValue(std::nan(""));
    if (consume("Infinity")) return ConfigValue(HUGE_VAL);
    if (consume("-Infinity")) return ConfigValue(-HUGE_VAL);
    return number();
  }
  ConfigValue number() {
    std::size_t start = pos_;
    bool is_float = false;
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) ++pos_;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c >= '0' && c <= '9') {
      } else if (c == '.' || c == 'e' || c == 'E' || ((c == '-' || c == '+') && is_float)) {
        is_float = true;
      } else {
        break;
      }
      ++pos_;
    }
    std::string text = s_.substr(start, pos_ - start);
    if (text.empty() || text == "-" || text == "+") fail("expected a value");
    char* end = nullptr;
    if (!is_float) {
      errno = 0;
      long long v = std::strtoll(text.c_str(), &end, 10);
      if (errno == 0 && *end == '\0') return ConfigValue(static_cast<std::int64_t>(v));
    }
    double d = std::strtod(text.c_str(), &end);
    if (*end != '\0') fail("malformed number '" + text + "'");
    return ConfigValue(d);
  }
  std::string string() {
    ++pos_;  // opening quote
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) fail("unterminated escape");
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (pos_ + 4 > s_.size()) fail("short \\u escape");
          unsigned code =
              static_cast<unsigned>(std::strtoul(s_.substr(pos_, 4).c_str(), nullptr, 16));
          pos_ += 4;
          if (code >= 0xD800 && code <= 0xDBFF && s_.compare(pos_, 2, "\\u") == 0 &&
              pos_ + 6 <= s_.size()) {
            unsigned low =
                static_cast<unsigned>(std::strtoul(s_.substr(pos_ + 2, 4).c_str(), nullptr, 16));
            if (low >= 0xDC00 && low <= 0xDFFF) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
              pos_ += 6;
            }
          }
          append_utf8(code, out);
          break;
        }
        default: fail(std::string("bad escape \\") + e);
      }
    }
  }
  static void append_utf8(unsigned code, std::string& out) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  ConfigValue array(int depth) {
    ++pos_;
    ConfigValue::List out;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return ConfigValue(std::move(out));
    }
    while (true) {
      out.push_back(value(depth + 1));
      skip_ws();
      if (pos_ >= s_.size()) fail("unterminated list");
      char c = s_[pos_++];
      if (c == ']') return ConfigValue(std::move(out));
      if (c != ',') fail("expected ',' or ']'");
    }
  }
  ConfigValue object(int depth) {
    ++pos_;
    ConfigValue::Dict out;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return ConfigValue(std::move(out));
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string key");
      std::string key = string();
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':'");
      ++pos_;
      out.emplace_back(std::move(key), value(depth + 1));
      skip_ws();
      if (pos_ >= s_.size()) fail("unterminated dict");
      char c = s_[pos_++];
      if (c == '}') return ConfigValue(std::move(out));
      if (c != ',') fail("expected ',' or '}'");
    }
  }
};
}  // namespace

std::string ConfigValue::dump() const {
  std::string out;
  dump_to(*this, out);
  return out;
}

ConfigValue ConfigValue::parse(const std::string& json) { return Parser(json).parse_document(); }

}  // namespace keras
