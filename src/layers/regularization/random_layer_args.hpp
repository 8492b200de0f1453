#pragma once
// Internal: the arguments the random regularization layers share (Dropout, SpatialDropout*,
// GaussianDropout, GaussianNoise, AlphaDropout): the optional integer seed of their
// SeedGenerator, and the check Keras makes of `rate` (or GaussianNoise's `stddev`).
#include <cstdint>
#include <optional>
#include <string>

#include "keras/core/config_value.hpp"

namespace keras::layers::detail {

// The SeedGenerator's seed (none: drawn from the global stream, so set_random_seed governs it).
std::optional<std::uint64_t> generator_seed(std::optional<std::int64_t> seed);
// The config's "seed": the integer, or null.
ConfigValue seed_config(std::optional<std::int64_t> seed);
// Keras's "Invalid value received for argument `rate`. Expected a float value between 0 and 1.
// Received: rate=1.5" unless 0 <= value <= 1 (NaN fails too).
void check_unit_interval(double value, const char* argument);

}  // namespace keras::layers::detail
