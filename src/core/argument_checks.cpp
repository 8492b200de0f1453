#include "src/core/argument_checks.hpp"

#include <cmath>
#include <sstream>

#include "keras/core/errors.hpp"

namespace keras::detail {

double non_negative_float_arg(double value, const char* name) {
  if (!std::isfinite(value) || value < 0) {
    std::ostringstream os;
    os << "Invalid value for argument " << name
       << ": expected a non-negative float. Received: " << name << "=" << value;
    throw ValueError(os.str());
  }
  return value;
}

}  // namespace keras::detail
