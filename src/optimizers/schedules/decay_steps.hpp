#pragma once
// Internal: the check every decaying schedule makes of its step count, in Keras's wording.
#include <cstdint>
#include <string>

#include "keras/core/errors.hpp"

namespace keras::optimizers::schedules::detail {

// `decay_steps`-like arguments must be > 0.
inline void check_decay_steps(const char* arg, std::int64_t steps) {
  if (steps <= 0)
    throw ValueError(std::string("Argument `") + arg + "` must be > 0. Received: " + arg + "=" +
                     std::to_string(steps));
}

}  // namespace keras::optimizers::schedules::detail
