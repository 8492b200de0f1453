#include "src/layers/regularization/random_layer_args.hpp"

#include "keras/core/errors.hpp"

namespace keras::layers::detail {

std::optional<std::uint64_t> generator_seed(std::optional<std::int64_t> seed) {
  if (!seed) return std::nullopt;
  return static_cast<std::uint64_t>(*seed);
}

ConfigValue seed_config(std::optional<std::int64_t> seed) {
  return seed ? ConfigValue(*seed) : ConfigValue();
}

void check_unit_interval(double value, const char* argument) {
  if (value >= 0.0 && value <= 1.0) return;
  throw ValueError(std::string("Invalid value received for argument `") + argument +
                   "`. Expected a float value between 0 and 1. Received: " + argument + "=" +
                   ConfigValue(value).dump());
}

}  // namespace keras::layers::detail
