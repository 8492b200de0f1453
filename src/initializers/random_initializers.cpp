#include "keras/initializers/random_initializers.hpp"
#include "src/core/config_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "keras/core/random.hpp"

namespace keras::initializers {

namespace {

ConfigValue optional_axes(const std::optional<std::vector<int>>& axes) {
  return axes ? ConfigValue::list_of(*axes) : ConfigValue();
}

std::int64_t axes_product(const Shape& shape, const std::vector<int>& axes, const char* what) {
  std::int64_t n = 1;
  for (int axis : axes) n *= shape[normalize_axis(axis, shape.rank(), what)];
  return n;
}

// The stddev of a standard normal truncated to [-2, 2]: dividing by it makes the truncated
// values' stddev the one asked for.
constexpr double kTruncatedNormalStddev = 0.87962566103423978;

}  // namespace

std::pair<std::int64_t, std::int64_t> compute_fans(
    const Shape& shape, const std::optional<std::vector<int>>& input_axes,
    const std::optional<std::vector<int>>& output_axes) {
  if (input_axes && output_axes)
    return {axes_product(shape, *input_axes, "input_axes"),
            axes_product(shape, *output_axes, "output_axes")};
  const int rank = shape.rank();
  if (rank < 1) return {1, 1};  // scalars (e.g. a constant-shaped weight)
  if (rank == 1) return {shape[0], shape[0]};
  if (rank == 2) return {shape[0], shape[1]};
  std::int64_t receptive_field = 1;
  for (int i = 0; i < rank - 2; ++i) receptive_field *= shape[i];
  return {shape[rank - 2] * receptive_field, shape[rank - 1] * receptive_field};
}

RandomInitializer::RandomInitializer(std::optional<std::int64_t> seed) : init_seed_(seed) {
  // Keras draws an integer once (make_default_seed), so an unseeded initializer repeats its
  // values on every call. Drawing from keras::random's global generator means a future global
  // seed setting reaches initializers too.
  seed_ = seed ? *seed
               : random::randint({}, 1, std::int64_t{1} << 62, DType::int64).item<std::int64_t>();
}

ConfigValue RandomInitializer::get_config() const {
  return ConfigValue(ConfigValue::Dict{{"seed", keras::detail::optional_config_value(init_seed_)}});
}

// ---- RandomUniform / RandomNormal / TruncatedNormal ----

RandomUniform::RandomUniform(RandomUniformOptions o)
    : RandomInitializer(o.seed), minval_(o.minval), maxval_(o.maxval) {}

Tensor RandomUniform::operator()(const Shape& shape, DType dtype) const {
  return random::uniform(shape, minval_, maxval_, dtype, draw_seed());
}

ConfigValue RandomUniform::get_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["minval"] = minval_;
  c["maxval"] = maxval_;
  return c;
}

RandomNormal::RandomNormal(RandomNormalOptions o)
    : RandomInitializer(o.seed), mean_(o.mean), stddev_(o.stddev) {}

Tensor RandomNormal::operator()(const Shape& shape, DType dtype) const {
  return random::normal(shape, mean_, stddev_, dtype, draw_seed());
}

ConfigValue RandomNormal::get_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["mean"] = mean_;
  c["stddev"] = stddev_;
  return c;
}

TruncatedNormal::TruncatedNormal(TruncatedNormalOptions o)
    : RandomInitializer(o.seed), mean_(o.mean), stddev_(o.stddev) {}

Tensor TruncatedNormal::operator()(const Shape& shape, DType dtype) const {
  return random::truncated_normal(shape, mean_, stddev_, dtype, draw_seed());
}

ConfigValue TruncatedNormal::get_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["mean"] = mean_;
  c["stddev"] = stddev_;
  return c;
}

// ---- VarianceScaling and its presets ----

VarianceScaling::VarianceScaling(VarianceScalingOptions o)
    : RandomInitializer(o.seed),
      scale_(o.scale),
      mode_(std::move(o.mode)),
      distribution_(std::move(o.distribution)),
      input_axes_(std::move(o.input_axes)),
      output_axes_(std::move(o.output_axes)) {
  if (!(scale_ > 0.0)) {
    std::ostringstream os;
    os << "Argument `scale` must be positive float. Received: scale=" << scale_;
    throw ValueError(os.str());
  }
  if (mode_ != "fan_in" && mode_ != "fan_out" && mode_ != "fan_avg")
    throw ValueError("Invalid `mode` argument: " + mode_ +
                     ". Please use one of {'fan_in', 'fan_out', 'fan_avg'}");
  std::transform(distribution_.begin(), distribution_.end(), distribution_.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (distribution_ == "normal") distribution_ = "truncated_normal";
  if (distribution_ != "uniform" && distribution_ != "truncated_normal" &&
      distribution_ != "untruncated_normal")
    throw ValueError("Invalid `distribution` argument: " + distribution_ +
                     ". Please use one of {'uniform', 'truncated_normal', 'untruncated_normal'}");
}

Tensor VarianceScaling::operator()(const Shape& shape, DType dtype) const {
  const auto [fan_in, fan_out] = compute_fans(shape, input_axes_, output_axes_);
  double fan = 0.0;
  if (mode_ == "fan_in") fan = static_cast<double>(fan_in);
  else if (mode_ == "fan_out") fan = static_cast<double>(fan_out);
  // (In double: the fans of an absurd declared shape may overflow an int64 sum.)
  else fan = (static_cast<double>(fan_in) + static_cast<double>(fan_out)) / 2.0;
  const double s = scale_ / std::max(1.0, fan);
  if (distribution_ == "truncated_normal")
    return random::truncated_normal(shape, 0.0, std::sqrt(s) / kTruncatedNormalStddev, dtype,
                                    draw_seed());
  if (distribution_ == "untruncated_normal")
    return random::normal(shape, 0.0, std::sqrt(s), dtype, draw_seed());
  const double limit = std::sqrt(3.0 * s);
  return random::uniform(shape, -limit, limit, dtype, draw_seed());
}

ConfigValue VarianceScaling::get_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["scale"] = scale_;
  c["mode"] = mode_;
  c["distribution"] = distribution_;
  c["input_axes"] = optional_axes(input_axes_);
  c["output_axes"] = optional_axes(output_axes_);
  return c;
}

ConfigValue VarianceScaling::preset_config() const {
  ConfigValue c = RandomInitializer::get_config();
  c["input_axes"] = optional_axes(input_axes_);
  c["output_axes"] = optional_axes(output_axes_);
  return c;
}

namespace {
VarianceScalingOptions preset(double scale, const char* mode, const char* distribution,
                              ScalingPresetOptions o) {
  return {scale, mode, distribution, o.seed, std::move(o.input_axes), std::move(o.output_axes)};
}
}  // namespace

GlorotUniform::GlorotUniform(ScalingPresetOptions o)
    : VarianceScaling(preset(1.0, "fan_avg", "uniform", std::move(o))) {}
GlorotNormal::GlorotNormal(ScalingPresetOptions o)
    : VarianceScaling(preset(1.0, "fan_avg", "truncated_normal", std::move(o))) {}
HeUniform::HeUniform(ScalingPresetOptions o)
    : VarianceScaling(preset(2.0, "fan_in", "uniform", std::move(o))) {}
HeNormal::HeNormal(ScalingPresetOptions o)
    : VarianceScaling(preset(2.0, "fan_in", "truncated_normal", std::move(o))) {}
LecunUniform::LecunUniform(ScalingPresetOptions o)
    : VarianceScaling(preset(1.0, "fan_in", "uniform", std::move(o))) {}
LecunNormal::LecunNormal(ScalingPresetOptions o)
    : VarianceScaling(preset(1.0, "fan_in", "truncated_normal", std::move(o))) {}

}  // namespace keras::initializers
