#pragma once
// Python's str.format for checkpoint file names (internal): ModelCheckpoint's filepath is a
// template like "ckpt-{epoch:02d}-{val_loss:.2f}.keras", filled from the epoch number and the
// logs as Keras fills it with `filepath.format(epoch=..., **logs)`.
#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "keras/core/errors.hpp"

namespace keras::callbacks::detail {

// Python's KeyError: a template naming a value that is not there.
struct KeyError : ValueError {
  using ValueError::ValueError;
};

using FormatValue = std::variant<std::int64_t, double>;

// Fills `{name}` and `{name:spec}` fields; "{{" and "}}" are literal braces. The spec is
// Python's [[fill]align][sign][0][width][.precision][type] for types d, f, F, e, E, g, G, %
// and none. An unknown name throws KeyError naming it; a malformed field or a spec that does
// not fit the value (d for a float, as Python) throws ValueError.
std::string python_format(const std::string& pattern,
                          const std::map<std::string, FormatValue>& values);

}  // namespace keras::callbacks::detail
