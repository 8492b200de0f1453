// keras::random on a counter-based generator. Every value is a pure function of
// (seed, draw counter, element index), computed on the host and written into the tensor's
// buffer, so a seed gives bit-identical numbers on every backend and thread count.
//
// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11):
//   key     = the 64-bit seed (low word, high word)
//   counter = (block index low, block index high, draw counter low, draw counter high)
// Each block yields four 32-bit words. Samplers that may reject a candidate (truncated_normal,
// randint) give element i its own blocks i | (attempt << 48), so redraws never shift the
// values of other elements.
#include "keras/core/random.hpp"

#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <numbers>
#include <mutex>
#include <random>
#include <string>
#include <type_traits>

#include "keras/core/config.hpp"
#include "keras/core/ops/creation.hpp"
#include "src/core/noise_shape.hpp"
#include "src/core/ops/elementwise.hpp"

#include "src/backends/threading.hpp"
#include "src/core/host_staging.hpp"

namespace keras::random {

namespace detail {

using Block = std::array<std::uint32_t, 4>;
using Key = std::array<std::uint32_t, 2>;

// External linkage on purpose: the test suite checks it against Random123's known answers.
Block philox4x32_10(Block ctr, Key key) {
  constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // round multipliers
  constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Weyl key increments
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kW0;
      key[1] += kW1;
    }
    const std::uint64_t p0 = std::uint64_t{kM0} * ctr[0];
    const std::uint64_t p1 = std::uint64_t{kM1} * ctr[2];
    const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    ctr = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
  }
  return ctr;
}

}  // namespace detail

namespace {

using detail::Block;

constexpr std::uint64_t kAttemptShift = 48;  // attempt number lives above the element index
constexpr std::uint64_t kMaxAttempts = std::uint64_t{1} << 16;

// The numbers of one draw: a fixed key and draw counter, indexed by block.
class Stream {
 public:
  explicit Stream(std::pair<std::uint64_t, std::uint64_t> seed_and_counter)
      : key_{static_cast<std::uint32_t>(seed_and_counter.first),
             static_cast<std::uint32_t>(seed_and_counter.first >> 32)},
        draw_(seed_and_counter.second) {}

  Block block(std::uint64_t index) const {
    return detail::philox4x32_10(
        {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
         static_cast<std::uint32_t>(draw_), static_cast<std::uint32_t>(draw_ >> 32)},
        key_);
  }

 private:
  detail::Key key_;
  std::uint64_t draw_;
};

// [0, 1) with 24 random bits: every value is exactly representable in float32.
float unit_float(std::uint32_t w) { return static_cast<float>(w >> 8) * 0x1.0p-24f; }
// [0, 1) with 53 random bits (the full float64 mantissa), from two words.
double unit_double(std::uint32_t a, std::uint32_t b) {
  return (static_cast<double>(a >> 5) * 67108864.0 + static_cast<double>(b >> 6)) * 0x1.0p-53;
}

// Two independent standard normals from one block (Box-Muller). 1 - u keeps log's argument
// in (0, 1], so the radius is finite.
std::pair<double, double> box_muller(const Block& b) {
  const double u1 = 1.0 - unit_double(b[0], b[1]);
  const double u2 = unit_double(b[2], b[3]);
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double theta = 2.0 * std::numbers::pi * u2;
  return {r * std::cos(theta), r * std::sin(theta)};
}

std::uint64_t entropy_seed() {
  std::random_device rd;
  return (std::uint64_t{rd()} << 32) ^ std::uint64_t{rd()};
}

std::mutex& global_mutex() {
  static std::mutex m;
  return m;
}

// Seeded from std::random_device, or by set_global_seed (keras.utils.set_random_seed).
SeedGenerator& global_generator() {
  static SeedGenerator generator(entropy_seed());
  return generator;
}

// A fresh 64-bit seed from the global stream (for unseeded generators).
std::uint64_t next_global_seed() {
  std::lock_guard<std::mutex> lock(global_mutex());
  auto [seed, counter] = global_generator().next();
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (counter + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::pair<std::uint64_t, std::uint64_t> draw_seed(Seed& seed) {
  if (auto* fixed = std::get_if<std::uint64_t>(&seed.value())) return {*fixed, 0};
  if (auto* generator = std::get_if<SeedGenerator>(&seed.value())) return generator->next();
  return global_generator().next();
}

void require_float(DType dtype, const char* fn) {
  if (!is_floating(dtype))
    throw ValueError(std::string("keras::random::") + fn +
                     " requires a floating point dtype (float32 or float64), received dtype=" +
                     std::string(dtype_name(dtype)));
}

// Element indices must leave room for the attempt number in the block index.
void require_indexable(const Shape& shape, const char* fn) {
  if (shape.size() >= static_cast<std::int64_t>(std::uint64_t{1} << kAttemptShift))
    throw ValueError(std::string("keras::random::") + fn + ": shape " + shape.to_string() +
                     " has more than 2^48 elements");
}

// Fills `out` with uniform [lo, hi) values of type T: one word per float32, two per float64.
template <class T>
void fill_uniform(T* out, std::int64_t n, double lo, double hi, const Stream& stream) {
  const T tlo = static_cast<T>(lo), thi = static_cast<T>(hi), span = thi - tlo;
  constexpr std::int64_t per_block = sizeof(T) == 4 ? 4 : 2;
  for (std::int64_t blk = 0; blk * per_block < n; ++blk) {
    const Block b = stream.block(static_cast<std::uint64_t>(blk));
    for (std::int64_t j = 0; j < per_block && blk * per_block + j < n; ++j) {
      T u;
      if constexpr (sizeof(T) == 4) u = unit_float(b[static_cast<std::size_t>(j)]);
      else
        u = unit_double(b[static_cast<std::size_t>(2 * j)], b[static_cast<std::size_t>(2 * j + 1)]);
      T v = tlo + span * u;
      // Rounding of lo + span * u can land on hi itself; the range is half-open.
      if (v >= thi && thi > tlo) v = std::nextafter(thi, tlo);
      out[blk * per_block + j] = v;
    }
  }
}

// Calls f.operator()<T>() with the C++ type of float32 or float64. The storage-only float16 and
// bfloat16 never get here: their values are drawn as float32 and rounded (see uniform), since a
// float fill of their 2-byte buffers would write past the end.
template <class F>
void for_float(DType dtype, F&& f) {
  if (dtype == DType::float64) f.template operator()<double>();
  else if (dtype == DType::float32) f.template operator()<float>();
  else throw ValueError("keras::random: no generator for dtype " + std::string(dtype_name(dtype)));
}

// Portable 64x64 -> 128-bit multiply (high and low halves), for Lemire's bounded integers.
std::pair<std::uint64_t, std::uint64_t> mul_64x64(std::uint64_t a, std::uint64_t b) {
  const std::uint64_t a_lo = a & 0xFFFFFFFFu, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xFFFFFFFFu, b_hi = b >> 32;
  const std::uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
  const std::uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
  const std::uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  const std::uint64_t lo = (mid << 32) | (ll & 0xFFFFFFFFu);
  return {hi, lo};
}

}  // namespace

struct SeedGenerator::State {
  std::uint64_t seed = 0;
  std::atomic<std::uint64_t> counter{0};  // atomic: the global generator is shared by threads
};

SeedGenerator::SeedGenerator(std::optional<std::uint64_t> seed)
    : state_(std::make_shared<State>()) {
  if (seed) {
    state_->seed = *seed;
  } else {
    // Unseeded generators draw from the global stream, so set_global_seed makes a whole
    // program (initializers, dropout, shuffling) reproducible, as keras.utils.set_random_seed.
    state_->seed = next_global_seed();
  }
}

void set_global_seed(std::uint64_t seed) {
  std::lock_guard<std::mutex> lock(global_mutex());
  global_generator() = SeedGenerator(seed);
}

std::uint64_t make_default_seed() { return next_global_seed(); }

std::pair<std::uint64_t, std::uint64_t> SeedGenerator::next() {
  return {state_->seed, state_->counter.fetch_add(1, std::memory_order_relaxed)};
}

Tensor uniform(const Shape& shape, double minval, double maxval, DType dtype, Seed seed) {
  require_float(dtype, "uniform");
  if (is_storage_only(dtype))
    return ops::cast(uniform(shape, minval, maxval, DType::float32, seed), dtype);
  Tensor out = empty(shape, dtype);
  const Stream stream(draw_seed(seed));
  keras::detail::HostStaging host(out);
  for_float(dtype,
            [&]<class T>() { fill_uniform<T>(host.as<T>(), out.size(), minval, maxval, stream); });
  host.commit();
  return out;
}

Tensor normal(const Shape& shape, double mean, double stddev, DType dtype, Seed seed) {
  require_float(dtype, "normal");
  if (is_storage_only(dtype))
    return ops::cast(normal(shape, mean, stddev, DType::float32, seed), dtype);
  Tensor out = empty(shape, dtype);
  const Stream stream(draw_seed(seed));
  const std::int64_t n = out.size();
  keras::detail::HostStaging host(out);
  for_float(dtype, [&]<class T>() {
    T* dst = host.as<T>();
    for (std::int64_t pair = 0; 2 * pair < n; ++pair) {
      const auto [z0, z1] = box_muller(stream.block(static_cast<std::uint64_t>(pair)));
      dst[2 * pair] = static_cast<T>(mean + stddev * z0);
      if (2 * pair + 1 < n) dst[2 * pair + 1] = static_cast<T>(mean + stddev * z1);
    }
  });
  host.commit();
  return out;
}

Tensor truncated_normal(const Shape& shape, double mean, double stddev, DType dtype, Seed seed) {
  require_float(dtype, "truncated_normal");
  if (is_storage_only(dtype))
    return ops::cast(truncated_normal(shape, mean, stddev, DType::float32, seed), dtype);
  require_indexable(shape, "truncated_normal");
  Tensor out = empty(shape, dtype);
  const Stream stream(draw_seed(seed));
  const std::int64_t n = out.size();
  keras::detail::HostStaging host(out);
  for_float(dtype, [&]<class T>() {
    T* dst = host.as<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      // P(|z| > 2) ~ 4.6%, so 2^17 rejected candidates in a row never happens; the clamp
      // only keeps the loop bounded.
      double z = 2.0;
      for (std::uint64_t attempt = 0; attempt < kMaxAttempts; ++attempt) {
        const auto [z0, z1] =
            box_muller(stream.block(static_cast<std::uint64_t>(i) | (attempt << kAttemptShift)));
        if (std::abs(z0) <= 2.0) {
          z = z0;
          break;
        }
        if (std::abs(z1) <= 2.0) {
          z = z1;
          break;
        }
      }
      dst[i] = static_cast<T>(mean + stddev * z);
    }
  });
  host.commit();
  return out;
}

Tensor dropout(const Tensor& x, double rate, std::optional<Shape> noise_shape, Seed seed) {
  if (!(rate >= 0.0 && rate < 1.0))  // also rejects NaN
    throw ValueError("keras::random::dropout: rate must be in [0, 1), received rate=" +
                     std::to_string(rate));
  if (rate == 0.0) return x;
  const Shape& xs = x.shape();
  const std::optional<Shape> resolved = keras::detail::resolve_noise_shape(xs, noise_shape);
  if (!resolved)
    throw ValueError("keras::random::dropout: noise_shape " + noise_shape->to_string() +
                     " does not broadcast to the input shape " + xs.to_string());
  const Shape& mask_shape = *resolved;
  // The mask carries the 1 / (1 - rate) scale so the op is one multiply, whose gradient
  // (grad * mask) reaches x through autodiff. Integer inputs get a floatx mask, as x / keep_prob
  // would be floating in Keras.
  const DType mask_dtype = is_floating(x.dtype()) && !is_storage_only(x.dtype())
                               ? x.dtype()
                               : dtype_from_name(config::floatx());
  Tensor mask = empty(mask_shape, mask_dtype);
  const Stream stream(draw_seed(seed));
  const double scale = 1.0 / (1.0 - rate);
  const std::int64_t n = mask.size();
  keras::detail::HostStaging host(mask);
  // P(keep) = 1 - rate: keep where u >= rate, u = unit_double(a, b) = bits * 2^-53, which is
  // bits >= ceil(rate * 2^53) (exact: rate * 2^53 is), an integer compare per element instead
  // of two conversions and a multiply.
  const auto threshold = static_cast<std::uint64_t>(std::ceil(rate * 0x1.0p53));
  auto kept = [threshold](std::uint32_t a, std::uint32_t b) {
    return ((std::uint64_t{a >> 5} << 26) | (b >> 6)) >= threshold;
  };
  for_float(mask_dtype, [&]<class T>() {
    T* dst = host.as<T>();
    const T keep = static_cast<T>(scale);
    // The stream is counter-based (block i depends on i alone), so threads draw their ranges
    // of blocks independently and the mask is the same on any number of threads.
    backend::threading::parallel_for((n + 1) / 2, 4096, [&](std::int64_t first, std::int64_t last) {
      for (std::int64_t blk = first; blk < last; ++blk) {
        const Block b = stream.block(static_cast<std::uint64_t>(blk));
        dst[2 * blk] = kept(b[0], b[1]) ? keep : T(0);
        if (2 * blk + 1 < n) dst[2 * blk + 1] = kept(b[2], b[3]) ? keep : T(0);
      }
    });
  });
  host.commit();
  return ops::multiply(x, mask);
}

Tensor randint(const Shape& shape, std::int64_t minval, std::int64_t maxval, DType dtype,
               Seed seed) {
  if (!is_integer(dtype))
    throw TypeError(
        "keras::random::randint requires an integer dtype (int32, int64, uint8), "
        "received dtype=" +
        std::string(dtype_name(dtype)));
  if (maxval <= minval)
    throw ValueError("keras::random::randint: expected minval < maxval, received minval=" +
                     std::to_string(minval) + ", maxval=" + std::to_string(maxval));
  dispatch_dtype(dtype, [&]<class T>() {
    // Every value in [minval, maxval) must be representable in the output dtype.
    if constexpr (std::is_integral_v<T>) {
      if (minval < static_cast<std::int64_t>(std::numeric_limits<T>::min()) ||
          maxval - 1 > static_cast<std::int64_t>(std::numeric_limits<T>::max()))
        throw ValueError("keras::random::randint: range [" + std::to_string(minval) + ", " +
                         std::to_string(maxval) + ") does not fit dtype " +
                         std::string(dtype_name(dtype)));
    }
  });
  require_indexable(shape, "randint");
  Tensor out = empty(shape, dtype);
  const Stream stream(draw_seed(seed));
  // Unsigned arithmetic: the span of [INT64_MIN, INT64_MAX) overflows int64.
  const auto umin = static_cast<std::uint64_t>(minval);
  const std::uint64_t range = static_cast<std::uint64_t>(maxval) - umin;
  const std::uint64_t threshold = (0 - range) % range;  // Lemire: reject below to stay unbiased
  const std::int64_t n = out.size();
  keras::detail::HostStaging host(out);
  dispatch_dtype(dtype, [&]<class T>() {
    T* dst = host.as<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      std::uint64_t offset = 0;
      bool done = false;
      for (std::uint64_t attempt = 0; !done && attempt < kMaxAttempts; ++attempt) {
        const Block b = stream.block(static_cast<std::uint64_t>(i) | (attempt << kAttemptShift));
        for (int half = 0; !done && half < 2; ++half) {
          const std::uint64_t word = (std::uint64_t{b[2 * half + 1]} << 32) | b[2 * half];
          const auto [hi, lo] = mul_64x64(word, range);
          if (lo >= threshold) {
            offset = hi;
            done = true;
          }
        }
      }
      // Modular add then conversion is well defined in C++20 and lands in [minval, maxval).
      dst[i] = static_cast<T>(static_cast<std::int64_t>(umin + offset));
    }
  });
  host.commit();
  return out;
}

}  // namespace keras::random
