#pragma once
// Random initializers (keras/src/initializers/random_initializers.py): RandomUniform,
// RandomNormal, TruncatedNormal, VarianceScaling and its presets (Glorot*, He*, Lecun*),
// Orthogonal. Options structs carry Keras's keyword arguments and defaults:
//   initializers::RandomUniform({.minval = -1.0, .maxval = 1.0, .seed = 7})
//   initializers::GlorotUniform({.seed = 42})
//
// Seeds behave as in Keras 3: an initializer seeded with an integer, or unseeded, returns the
// same values on every call (an unseeded one picks its integer once, when constructed, from
// keras::random's global generator). Two unseeded initializers differ from each other.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/initializers/initializer.hpp"

namespace keras::initializers {

// (fan_in, fan_out) of a weight shape: rank 0 -> (1, 1); rank 1 -> (n, n); rank 2 ->
// (shape[0], shape[1]); rank >= 3 (conv kernels (..., in, out)) -> both times the receptive
// field size prod(shape[:-2]). With both axis lists given, the fans are the products of those
// axes' sizes instead (negative axes count from the end).
std::pair<std::int64_t, std::int64_t> compute_fans(
    const Shape& shape, const std::optional<std::vector<int>>& input_axes = std::nullopt,
    const std::optional<std::vector<int>>& output_axes = std::nullopt);

// Holds the seed: the one given (written to the config as an int or null) and the one used.
class RandomInitializer : public Initializer {
 public:
  const std::optional<std::int64_t>& seed() const { return init_seed_; }
  ConfigValue get_config() const override;  // {"seed": ...}

 protected:
  explicit RandomInitializer(std::optional<std::int64_t> seed);
  std::int64_t draw_seed() const { return seed_; }

 private:
  std::optional<std::int64_t> init_seed_;
  std::int64_t seed_;
};

struct RandomUniformOptions {
  double minval = -0.05;
  double maxval = 0.05;
  std::optional<std::int64_t> seed{};
};
class RandomUniform : public RandomInitializer {
 public:
  explicit RandomUniform(RandomUniformOptions options = {});
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "RandomUniform"; }
  ConfigValue get_config() const override;  // seed, minval, maxval
  double minval() const { return minval_; }
  double maxval() const { return maxval_; }

 private:
  double minval_, maxval_;
};

struct RandomNormalOptions {
  double mean = 0.0;
  double stddev = 0.05;
  std::optional<std::int64_t> seed{};
};
class RandomNormal : public RandomInitializer {
 public:
  explicit RandomNormal(RandomNormalOptions options = {});
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "RandomNormal"; }
  ConfigValue get_config() const override;  // seed, mean, stddev
  double mean() const { return mean_; }
  double stddev() const { return stddev_; }

 private:
  double mean_, stddev_;
};

// Values more than two stddev from the mean are redrawn.
struct TruncatedNormalOptions {
  double mean = 0.0;
  double stddev = 0.05;
  std::optional<std::int64_t> seed{};
};
class TruncatedNormal : public RandomInitializer {
 public:
  explicit TruncatedNormal(TruncatedNormalOptions options = {});
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "TruncatedNormal"; }
  ConfigValue get_config() const override;  // seed, mean, stddev
  double mean() const { return mean_; }
  double stddev() const { return stddev_; }

 private:
  double mean_, stddev_;
};

struct VarianceScalingOptions {
  double scale = 1.0;
  std::string mode = "fan_in";                    // "fan_in", "fan_out", "fan_avg"
  std::string distribution = "truncated_normal";  // "truncated_normal", "untruncated_normal",
                                                  // "uniform" ("normal" = "truncated_normal")
  std::optional<std::int64_t> seed{};
  std::optional<std::vector<int>> input_axes{};
  std::optional<std::vector<int>> output_axes{};
};
// s = scale / max(1, fan) with fan per `mode`; truncated_normal: stddev sqrt(s) / 0.8796...
// (so the truncated values have stddev sqrt(s)); untruncated_normal: stddev sqrt(s);
// uniform: [-sqrt(3 s), sqrt(3 s)).
class VarianceScaling : public RandomInitializer {
 public:
  explicit VarianceScaling(VarianceScalingOptions options = {});
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "VarianceScaling"; }
  // seed, scale, mode, distribution, input_axes, output_axes
  ConfigValue get_config() const override;
  double scale() const { return scale_; }
  const std::string& mode() const { return mode_; }
  const std::string& distribution() const { return distribution_; }
  const std::optional<std::vector<int>>& input_axes() const { return input_axes_; }
  const std::optional<std::vector<int>>& output_axes() const { return output_axes_; }

 protected:
  // The presets' config: seed, input_axes, output_axes.
  ConfigValue preset_config() const;

 private:
  double scale_;
  std::string mode_, distribution_;
  std::optional<std::vector<int>> input_axes_, output_axes_;
};

// Keyword arguments of the VarianceScaling presets below.
struct ScalingPresetOptions {
  std::optional<std::int64_t> seed{};
  std::optional<std::vector<int>> input_axes{};
  std::optional<std::vector<int>> output_axes{};
};

// uniform in +-sqrt(6 / (fan_in + fan_out)): VarianceScaling(1, "fan_avg", "uniform")
class GlorotUniform : public VarianceScaling {
 public:
  explicit GlorotUniform(ScalingPresetOptions options = {});
  std::string class_name() const override { return "GlorotUniform"; }
  ConfigValue get_config() const override { return preset_config(); }
};
// stddev sqrt(2 / (fan_in + fan_out)), truncated: VarianceScaling(1, "fan_avg", "truncated_normal")
class GlorotNormal : public VarianceScaling {
 public:
  explicit GlorotNormal(ScalingPresetOptions options = {});
  std::string class_name() const override { return "GlorotNormal"; }
  ConfigValue get_config() const override { return preset_config(); }
};
// uniform in +-sqrt(6 / fan_in): VarianceScaling(2, "fan_in", "uniform")
class HeUniform : public VarianceScaling {
 public:
  explicit HeUniform(ScalingPresetOptions options = {});
  std::string class_name() const override { return "HeUniform"; }
  ConfigValue get_config() const override { return preset_config(); }
};
// stddev sqrt(2 / fan_in), truncated: VarianceScaling(2, "fan_in", "truncated_normal")
class HeNormal : public VarianceScaling {
 public:
  explicit HeNormal(ScalingPresetOptions options = {});
  std::string class_name() const override { return "HeNormal"; }
  ConfigValue get_config() const override { return preset_config(); }
};
// uniform in +-sqrt(3 / fan_in): VarianceScaling(1, "fan_in", "uniform")
class LecunUniform : public VarianceScaling {
 public:
  explicit LecunUniform(ScalingPresetOptions options = {});
  std::string class_name() const override { return "LecunUniform"; }
  ConfigValue get_config() const override { return preset_config(); }
};
// stddev sqrt(1 / fan_in), truncated: VarianceScaling(1, "fan_in", "truncated_normal")
class LecunNormal : public VarianceScaling {
 public:
  explicit LecunNormal(ScalingPresetOptions options = {});
  std::string class_name() const override { return "LecunNormal"; }
  ConfigValue get_config() const override { return preset_config(); }
};

struct OrthogonalOptions {
  double gain = 1.0;
  std::optional<std::int64_t> seed{};
};
// gain * Q from the QR decomposition of a standard normal (max(r, c), min(r, c)) matrix, with
// r = prod(shape[:-1]), c = shape[-1]; columns sign-corrected by diag(R) (so Q is unique),
// transposed when r < c (orthogonal rows), reshaped to `shape`. Rank >= 2.
class Orthogonal : public RandomInitializer {
 public:
  explicit Orthogonal(OrthogonalOptions options = {});
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "Orthogonal"; }
  ConfigValue get_config() const override;  // seed, gain
  double gain() const { return gain_; }

 private:
  double gain_;
};

}  // namespace keras::initializers
