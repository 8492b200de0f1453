#include "src/io/npy_header.hpp"

#include <cctype>
#include <cstdio>
#include <limits>
#include <utility>

#include "keras/core/errors.hpp"

namespace keras::io::npy {

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw IOError("load_npy('" + path + "'): " + what);
}

std::string escape(std::string_view bytes, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < limit; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  if (bytes.size() > limit) out += "...";
  return out;
}

std::string quote_header(std::string_view header) {
  const auto end = header.find_last_not_of(" \n");
  // Appended piecewise: `"..." + std::string&&` trips a false GCC 12 -Wrestrict warning.
  std::string out(1, '"');
  out += escape(header.substr(0, end == std::string_view::npos ? 0 : end + 1), 200);
  return out + '"';
}

namespace {

class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& path) : s_(text), path_(path) {}

  std::map<std::string, Value> parse_dict() {
    std::map<std::string, Value> out;
    skip_ws();
    expect('{');
    for (;;) {
      skip_ws();
      if (peek() == '}') break;
      std::string key = parse_string();
      skip_ws();
      expect(':');
      skip_ws();
      Value v = parse_value();
      if (!out.emplace(key, std::move(v)).second) error("the key '" + key + "' appears twice");
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }  // a trailing comma before '}' is allowed
      if (peek() != '}') error("expected ',' or '}' after the value of '" + key + "'");
    }
    ++pos_;
    skip_ws();  // numpy pads with spaces and ends with '\n'
    if (pos_ != s_.size()) error("unexpected text after the closing '}'");
    return out;
  }

 private:
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r'))
      ++pos_;
  }
  [[noreturn]] void error(const std::string& what) const {
    fail(path_, "malformed header: " + what + " at offset " + std::to_string(pos_) + " of " +
                    quote_header(s_));
  }
  void expect(char c) {
    if (peek() != c)
      error(std::string("expected '") + c + "', received '" + escape(std::string(1, peek())) + "'");
    ++pos_;
  }
  std::string parse_string() {
    const char quote = peek();
    if (quote != '\'' && quote != '"') error("expected a quoted string");
    const std::size_t end = s_.find(quote, pos_ + 1);
    if (end == std::string_view::npos) error("unterminated string");
    std::string out(s_.substr(pos_ + 1, end - pos_ - 1));
    pos_ = end + 1;
    return out;
  }
  std::int64_t parse_int() {
    bool negative = false;
    if (peek() == '-') {
      negative = true;
      ++pos_;
    }
    if (!std::isdigit(static_cast<unsigned char>(peek()))) error("expected an integer");
    std::int64_t v = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      const int d = s_[pos_++] - '0';
      if (v > (std::numeric_limits<std::int64_t>::max() - d) / 10)
        error("a dimension does not fit in 64 bits");
      v = v * 10 + d;
    }
    if (peek() == 'L') ++pos_;  // Python 2 long literal, as old numpy wrote
    return negative ? -v : v;
  }
  Value parse_value() {
    const char c = peek();
    if (c == '\'' || c == '"') return parse_string();
    if (s_.substr(pos_, 4) == "True") {
      pos_ += 4;
      return true;
    }
    if (s_.substr(pos_, 5) == "False") {
      pos_ += 5;
      return false;
    }
    if (c == '(') {
      ++pos_;
      Tuple t;
      for (;;) {
        skip_ws();
        if (peek() == ')') break;
        t.dims.push_back(parse_int());
        skip_ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        if (peek() != ')') error("expected ',' or ')' in the shape tuple");
      }
      ++pos_;
      return t;
    }
    // Anything else (a list describing a structured dtype, None, ...): skip to the end of
    // the value, honouring brackets, so the error can quote it.
    const std::size_t start = pos_;
    int depth = 0;
    while (pos_ < s_.size()) {
      const char ch = s_[pos_];
      if (ch == '\'' || ch == '"') {
        parse_string();
        continue;
      }
      if (ch == '[' || ch == '(' || ch == '{') ++depth;
      if (ch == ']' || ch == ')' || ch == '}') {
        if (depth == 0) break;
        --depth;
      }
      if (ch == ',' && depth == 0) break;
      ++pos_;
    }
    if (pos_ == start) error("expected a value");
    return Other{std::string(s_.substr(start, pos_ - start))};
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  const std::string& path_;
};

}  // namespace

std::map<std::string, Value> parse_header(std::string_view text, const std::string& path) {
  return HeaderParser(text, path).parse_dict();
}

}  // namespace keras::io::npy
