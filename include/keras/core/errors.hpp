#pragma once
// Exception types named after the Python exceptions Keras raises, so a Keras user recognises them.
#include <stdexcept>
#include <string>

namespace keras {

struct ValueError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};
struct TypeError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};
struct IOError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct NotImplementedError : std::logic_error {
  using std::logic_error::logic_error;
};

}  // namespace keras
