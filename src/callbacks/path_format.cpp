#include "src/callbacks/path_format.hpp"

#include <cmath>
#include <cstdio>

namespace keras::callbacks::detail {

namespace {

struct Spec {
  char fill = ' ';
  char align = 0;  // '<', '>', '^', '=' or 0 (default: right for numbers)
  char sign = '-';
  bool zero = false;
  int width = 0;
  int precision = -1;
  char type = 0;
};

Spec parse_spec(const std::string& s, const std::string& field) {
  Spec spec;
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  if (s.size() >= 2 && is_align(s[1])) {
    spec.fill = s[0];
    spec.align = s[1];
    i = 2;
  } else if (!s.empty() && is_align(s[0])) {
    spec.align = s[0];
    i = 1;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) spec.sign = s[i++];
  if (i < s.size() && s[i] == '0') {
    spec.zero = true;
    ++i;
  }
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
    spec.width = spec.width * 10 + (s[i++] - '0');
  if (i < s.size() && s[i] == '.') {
    ++i;
    spec.precision = 0;
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i])))
      throw ValueError("Format specifier missing precision in '{" + field + "}'");
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])))
      spec.precision = spec.precision * 10 + (s[i++] - '0');
  }
  if (i < s.size()) spec.type = s[i++];
  if (i != s.size()) throw ValueError("Invalid format specifier '" + s + "' in '{" + field + "}'");
  return spec;
}

std::string format_number(const FormatValue& value, const Spec& spec, const std::string& field) {
  char buf[512];
  const bool is_int = std::holds_alternative<std::int64_t>(value);
  const double x =
      is_int ? static_cast<double>(std::get<std::int64_t>(value)) : std::get<double>(value);
  std::string body;
  switch (spec.type) {
    case 'd':
      if (!is_int)
        throw ValueError("Unknown format code 'd' for object of type 'float' in '{" + field + "}'");
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::get<std::int64_t>(value)));
      body = buf;
      break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      const char fmt[] = {'%', '.', '*', spec.type, 0};
      std::snprintf(buf, sizeof buf, fmt, spec.precision < 0 ? 6 : spec.precision, x);
      body = buf;
      break;
    }
    case '%':
      std::snprintf(buf, sizeof buf, "%.*f%%", spec.precision < 0 ? 6 : spec.precision, x * 100);
      body = buf;
      break;
    case 0:
      if (is_int) {
        std::snprintf(buf, sizeof buf, "%lld",
                      static_cast<long long>(std::get<std::int64_t>(value)));
      } else if (spec.precision >= 0) {
        std::snprintf(buf, sizeof buf, "%.*g", spec.precision, x);
      } else {
        // Python's repr: the shortest text that reads back, with ".0" on whole numbers.
        for (int p = 1; p <= 17; ++p) {
          std::snprintf(buf, sizeof buf, "%.*g", p, x);
          if (std::strtod(buf, nullptr) == x) break;
        }
        body = buf;
        if (std::isfinite(x) && body.find_first_of(".en") == std::string::npos) body += ".0";
        break;
      }
      body = buf;
      break;
    default:
      throw ValueError(std::string("Unknown format code '") + spec.type + "' in '{" + field + "}'");
  }
  // Sign, then padding to the width.
  bool negative = !body.empty() && body[0] == '-';
  std::string digits = negative ? body.substr(1) : body;
  std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
  char fill = spec.zero && !spec.align ? '0' : spec.fill;
  char align = spec.align ? spec.align : (spec.zero ? '=' : '>');
  std::size_t len = sign.size() + digits.size();
  if (static_cast<int>(len) >= spec.width) return sign + digits;
  std::size_t pad = static_cast<std::size_t>(spec.width) - len;
  switch (align) {
    case '<': return sign + digits + std::string(pad, fill);
    case '^': return std::string(pad / 2, fill) + sign + digits + std::string(pad - pad / 2, fill);
    case '=': return sign + std::string(pad, fill) + digits;
    default: return std::string(pad, fill) + sign + digits;
  }
}

}  // namespace

std::string python_format(const std::string& pattern,
                          const std::map<std::string, FormatValue>& values) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '}') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      throw ValueError("Single '}' encountered in format string '" + pattern + "'");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    std::size_t close = pattern.find('}', i);
    if (close == std::string::npos)
      throw ValueError("Single '{' encountered in format string '" + pattern + "'");
    std::string field = pattern.substr(i + 1, close - i - 1);
    std::size_t colon = field.find(':');
    std::string name = field.substr(0, colon);
    std::string spec = colon == std::string::npos ? "" : field.substr(colon + 1);
    auto it = values.find(name);
    if (it == values.end()) throw KeyError("'" + name + "'");
    out += format_number(it->second, parse_spec(spec, field), field);
    i = close;
  }
  return out;
}

}  // namespace keras::callbacks::detail
