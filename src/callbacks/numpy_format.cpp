// numpy's str of a float32 scalar, which Keras's CSVLogger writes for each element of a logged
// array (str(np.float32(x))). Shortest digits that read back as the same float32; positional
// for 1e-4 <= |x| < 1e6 (numpy's float32 cut-offs, compared in double so 1e-4f, just below
// 1e-4, is scientific) and scientific otherwise, with a two-digit exponent ("1e-05").
#include <charconv>
#include <cmath>
#include <string>

#include "src/callbacks/model_access.hpp"

namespace keras::callbacks::detail {

std::string numpy_float32_str(double value) {
  const float f = static_cast<float>(value);
  if (std::isnan(f)) return "nan";
  if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
  const double magnitude = std::fabs(static_cast<double>(f));
  char buf[64];
  if (magnitude == 0.0 || (magnitude >= 1e-4 && magnitude < 1e6)) {
    char* end = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::fixed).ptr;
    std::string out(buf, static_cast<std::size_t>(end - buf));
    if (out.find('.') == std::string::npos) out += ".0";
    return out;
  }
  char* end = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific).ptr;
  return std::string(buf, static_cast<std::size_t>(end - buf));
}

}  // namespace keras::callbacks::detail
