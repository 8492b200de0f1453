#pragma once
// The .npy header: numpy's Python dict literal
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// parsed as untrusted text (every malformed piece is an IOError naming the file), and the
// message helpers the reader shares with it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace keras::io::npy {

[[noreturn]] void fail(const std::string& path, const std::string& what);
// Non-printable bytes as \xNN, so a binary file's bytes can be quoted in a message.
std::string escape(std::string_view bytes, std::size_t limit = 40);
// The header as quoted in messages: escaped, without numpy's trailing padding.
std::string quote_header(std::string_view header);

struct Tuple {
  std::vector<std::int64_t> dims;
};
struct Other {  // a value we never accept (a list for structured dtypes, None, ...)
  std::string text;
};
using Value = std::variant<std::string, bool, Tuple, Other>;

std::map<std::string, Value> parse_header(std::string_view text, const std::string& path);

}  // namespace keras::io::npy
