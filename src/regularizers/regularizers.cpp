#include "keras/regularizers/regularizers.hpp"

#include <cmath>

#include "keras/core/config.hpp"
#include "keras/core/ops/creation.hpp"
#include "keras/core/ops/linalg.hpp"
#include "keras/core/ops/math.hpp"
#include "keras/core/ops/reduction.hpp"
#include "src/core/argument_checks.hpp"
#include "src/core/object_registry.hpp"

namespace keras::regularizers {

namespace {

using detail::non_negative_float_arg;

// Keras stores some coefficients as float32 tensors; their configs carry the float32 value.
double as_float32(double v) { return static_cast<double>(static_cast<float>(v)); }

// coefficient * sum(term(x)) in x's dtype (the coefficient is a weak scalar).
Tensor scaled_sum(double coefficient, const Tensor& term) {
  return ops::multiply(ops::sum(term), coefficient);
}

}  // namespace

L1L2::L1L2(L1L2Options o)
    : l1_(non_negative_float_arg(o.l1, "l1")), l2_(non_negative_float_arg(o.l2, "l2")) {}

Tensor L1L2::operator()(const Tensor& x) const {
  Tensor penalty = scalar(0.0, x.dtype());
  if (l1_ != 0.0) penalty = ops::add(penalty, scaled_sum(l1_, ops::abs(x)));
  if (l2_ != 0.0) penalty = ops::add(penalty, scaled_sum(l2_, ops::square(x)));
  return penalty;
}

ConfigValue L1L2::get_config() const {
  return ConfigValue(ConfigValue::Dict{{"l1", l1_}, {"l2", l2_}});
}

L1::L1(double l1) : l1_(as_float32(non_negative_float_arg(l1, "l1"))) {}

Tensor L1::operator()(const Tensor& x) const { return scaled_sum(l1_, ops::abs(x)); }

ConfigValue L1::get_config() const { return ConfigValue(ConfigValue::Dict{{"l1", l1_}}); }

L2::L2(double l2) : l2_(non_negative_float_arg(l2, "l2")) {}

Tensor L2::operator()(const Tensor& x) const { return scaled_sum(l2_, ops::square(x)); }

ConfigValue L2::get_config() const { return ConfigValue(ConfigValue::Dict{{"l2", l2_}}); }

OrthogonalRegularizer::OrthogonalRegularizer(OrthogonalRegularizerOptions o)
    : factor_(as_float32(non_negative_float_arg(o.factor, "factor"))), mode_(std::move(o.mode)) {
  if (mode_ != "rows" && mode_ != "columns")
    throw ValueError(
        "Invalid value for argument `mode`. Expected one of {\"rows\", \"columns\"}. "
        "Received: mode=" +
        mode_);
}

Tensor OrthogonalRegularizer::operator()(const Tensor& x) const {
  if (x.rank() != 2)
    throw ValueError("Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape=" +
                     x.shape().to_string());
  const bool rows = mode_ == "rows";
  const int axis = rows ? 1 : 0;
  // L2 normalisation as keras.ops.normalize: x * min(rsqrt(sum(x^2)), 1 / epsilon).
  Tensor inv_norm =
      ops::minimum(ops::rsqrt(ops::sum(ops::square(x), axis, true)), 1.0 / config::epsilon());
  Tensor n = ops::multiply(x, inv_norm);
  Tensor product = rows ? ops::matmul(n, ops::transpose(n)) : ops::matmul(ops::transpose(n), n);
  const std::int64_t size = x.shape()[rows ? 0 : 1];
  Tensor off_diagonal =
      ops::multiply(product, ops::subtract(1.0, ops::eye(size, -1, 0, x.dtype())));
  const double num_pairs = static_cast<double>(size) * (static_cast<double>(size) - 1.0) / 2.0;
  return ops::divide(ops::multiply(ops::sum(ops::abs(off_diagonal)), factor_ * 0.5), num_pairs);
}

ConfigValue OrthogonalRegularizer::get_config() const {
  return ConfigValue(ConfigValue::Dict{{"factor", factor_}, {"mode", mode_}});
}

// ---- registry ----

namespace {

const detail::ObjectRegistry<Regularizer>& registry() {
  static const detail::ObjectRegistry<Regularizer> table(
      "regularizer", "keras.regularizers",
      {
          {"L1",
           [](detail::ConfigReader& r) { return std::make_shared<L1>(r.number("l1", 0.01)); }},
          {"L2",
           [](detail::ConfigReader& r) { return std::make_shared<L2>(r.number("l2", 0.01)); }},
          {"L1L2",
           [](detail::ConfigReader& r) {
             return std::make_shared<L1L2>(r.number("l1", 0.0), r.number("l2", 0.0));
           }},
          {"OrthogonalRegularizer",
           [](detail::ConfigReader& r) {
             return std::make_shared<OrthogonalRegularizer>(
                 OrthogonalRegularizerOptions{r.number("factor", 0.01), r.string("mode", "rows")});
           }},
      },
      {
          {"l1", "L1"},
          {"l2", "L2"},
          {"l1l2", "L1L2"},
          {"l1_l2", "L1L2"},
          {"orthogonal_regularizer", "OrthogonalRegularizer"},
      });
  return table;
}

}  // namespace

std::shared_ptr<Regularizer> get(const std::string& identifier) {
  return registry().get(identifier);
}

std::shared_ptr<Regularizer> deserialize(const ConfigValue& config) {
  return registry().deserialize(config);
}

ConfigValue serialize(const Regularizer& regularizer) { return registry().serialize(regularizer); }

std::vector<std::string> all_names() { return registry().all_names(); }

}  // namespace keras::regularizers
