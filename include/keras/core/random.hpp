#pragma once
// keras::random — seeded random tensors. Numbers come from a counter-based generator
// (Philox-4x32-10) computed on the host, so a seed gives the same values on every backend.
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

#include "keras/core/tensor.hpp"

namespace keras::random {

// Holds a seed and a counter; each draw advances the counter (keras.random.SeedGenerator).
class SeedGenerator {
 public:
  explicit SeedGenerator(std::optional<std::uint64_t> seed = std::nullopt);
  // The (seed, counter) pair for the next draw, advancing the counter.
  std::pair<std::uint64_t, std::uint64_t> next();

 private:
  struct State;
  std::shared_ptr<State> state_;  // shared by copies, as a Python object would be
};

// A seed: an integer (same numbers every call), a SeedGenerator (advances), or none (a
// global generator). Any integer type converts, so `uniform({2}, 0, 1, DType::float32, 42)` works.
class Seed {
 public:
  Seed() = default;
  template <std::integral I>
  Seed(I seed) : value_(static_cast<std::uint64_t>(seed)) {}
  Seed(SeedGenerator generator) : value_(std::move(generator)) {}
  const std::variant<std::monostate, std::uint64_t, SeedGenerator>& value() const { return value_; }
  std::variant<std::monostate, std::uint64_t, SeedGenerator>& value() { return value_; }

 private:
  std::variant<std::monostate, std::uint64_t, SeedGenerator> value_;
};

// Reseeds the global stream every unseeded draw comes from (initializers, dropout layers,
// fit's shuffling): after it, a program's random numbers repeat run to run.
void set_global_seed(std::uint64_t seed);
// A seed drawn from the global stream.
std::uint64_t make_default_seed();

Tensor uniform(const Shape& shape, double minval = 0.0, double maxval = 1.0,
               DType dtype = DType::float32, Seed seed = {});
Tensor normal(const Shape& shape, double mean = 0.0, double stddev = 1.0,
              DType dtype = DType::float32, Seed seed = {});
// Values more than two standard deviations from the mean are redrawn.
Tensor truncated_normal(const Shape& shape, double mean = 0.0, double stddev = 1.0,
                        DType dtype = DType::float32, Seed seed = {});
// Zeroes each element with probability `rate` and scales the rest by 1 / (1 - rate).
// `noise_shape` (broadcast to x) shares one mask value along its size-1 dims.
Tensor dropout(const Tensor& x, double rate, std::optional<Shape> noise_shape = std::nullopt,
               Seed seed = {});
// Integers in [minval, maxval).
Tensor randint(const Shape& shape, std::int64_t minval, std::int64_t maxval,
               DType dtype = DType::int32, Seed seed = {});

}  // namespace keras::random
