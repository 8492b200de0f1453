#pragma once
// Exception types named after the Python exceptions Keras raises, so a Keras user recognises
// them. All derive from keras::Error, so one `catch (const keras::Error&)` handles anything the
// library reports (and keras::Error is a std::runtime_error, so `catch (const std::exception&)`
// still works). One base only: a type deriving from both keras::Error and, say,
// std::invalid_argument would reach std::exception twice and `catch (std::exception&)` would no
// longer match it.
#include <stdexcept>
#include <string>

namespace keras {

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An argument of the right type with a wrong value (Python's ValueError).
struct ValueError : Error {
  using Error::Error;
};
// An argument of the wrong type or dtype (TypeError).
struct TypeError : Error {
  using Error::Error;
};
// An index out of range, e.g. Shape's s[5] on a rank-2 shape (IndexError).
struct IndexError : Error {
  using Error::Error;
};
// A file that cannot be read or written (Python's IOError / OSError).
struct IOError : Error {
  using Error::Error;
};
// A feature or argument value keraspp does not support yet (NotImplementedError).
struct NotImplementedError : Error {
  using Error::Error;
};
// A failure while running, e.g. TerminateOnNaN(raise_error=True) stopping fit (RuntimeError).
struct RuntimeError : Error {
  using Error::Error;
};

}  // namespace keras
