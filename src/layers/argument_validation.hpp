#pragma once
// Keras's checks of layer constructor arguments (keras/src/utils/argument_validation.py), in
// Keras's words (data_format's is src/layers/data_format.hpp). `owner` starts each message so the
// user learns which layer refused ("Conv2D layer 'conv2d'").
#include <cstdint>
#include <string>
#include <vector>

#include "keras/layers/int_tuple.hpp"

namespace keras::layers {

// `n` values: a single int repeated, or exactly n given; each > 0 (>= 0 with allow_zero).
std::vector<std::int64_t> standardize_tuple(const IntTuple& value, int n, const std::string& name,
                                            const std::string& owner, bool allow_zero = false);
// Lower-cased "valid" or "same" ("causal" too when allowed).
std::string standardize_padding(const std::string& padding, bool allow_causal,
                                const std::string& owner);

// Python's repr of a tuple of ints, "(3, 3)" or "(3,)", as Keras's messages print them.
std::string tuple_string(const std::vector<std::int64_t>& values);

}  // namespace keras::layers
