#include "keras/regularizers/regularizers.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <sstream>

#include "keras/core/config.hpp"
#include "keras/core/ops/creation.hpp"
#include "keras/core/ops/linalg.hpp"
#include "keras/core/ops/math.hpp"
#include "keras/core/ops/reduction.hpp"

namespace keras::regularizers {

namespace {

double validate_float_arg(double value, const char* name) {
  if (!std::isfinite(value) || value < 0) {
    std::ostringstream os;
    os << "Invalid value for argument " << name
       << ": expected a non-negative float. Received: " << name << "=" << value;
    throw ValueError(os.str());
  }
  return value;
}

// Keras stores some coefficients as float32 tensors; their configs carry the float32 value.
double as_float32(double v) { return static_cast<double>(static_cast<float>(v)); }

// coefficient * sum(term(x)) in x's dtype (the coefficient is a weak scalar).
Tensor scaled_sum(double coefficient, const Tensor& term) {
  return ops::multiply(ops::sum(term), coefficient);
}

}  // namespace

L1L2::L1L2(L1L2Options o)
    : l1_(validate_float_arg(o.l1, "l1")), l2_(validate_float_arg(o.l2, "l2")) {}

Tensor L1L2::operator()(const Tensor& x) const {
  Tensor penalty = scalar(0.0, x.dtype());
  if (l1_ != 0.0) penalty = ops::add(penalty, scaled_sum(l1_, ops::abs(x)));
  if (l2_ != 0.0) penalty = ops::add(penalty, scaled_sum(l2_, ops::square(x)));
  return penalty;
}

ConfigValue L1L2::get_config() const {
  return ConfigValue(ConfigValue::Dict{{"l1", l1_}, {"l2", l2_}});
}

L1::L1(double l1) : l1_(as_float32(validate_float_arg(l1, "l1"))) {}

Tensor L1::operator()(const Tensor& x) const { return scaled_sum(l1_, ops::abs(x)); }

ConfigValue L1::get_config() const { return ConfigValue(ConfigValue::Dict{{"l1", l1_}}); }

L2::L2(double l2) : l2_(validate_float_arg(l2, "l2")) {}

Tensor L2::operator()(const Tensor& x) const { return scaled_sum(l2_, ops::square(x)); }

ConfigValue L2::get_config() const { return ConfigValue(ConfigValue::Dict{{"l2", l2_}}); }

OrthogonalRegularizer::OrthogonalRegularizer(OrthogonalRegularizerOptions o)
    : factor_(as_float32(validate_float_arg(o.factor, "factor"))), mode_(std::move(o.mode)) {
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

using Factory = std::function<std::shared_ptr<Regularizer>(const ConfigValue&)>;

double number(const ConfigValue& c, const char* key, double fallback) {
  return c.get(key, fallback).as_double();
}

const std::map<std::string, Factory>& factories() {
  static const std::map<std::string, Factory> table = {
      {"L1", [](const ConfigValue& c) { return std::make_shared<L1>(number(c, "l1", 0.01)); }},
      {"L2", [](const ConfigValue& c) { return std::make_shared<L2>(number(c, "l2", 0.01)); }},
      {"L1L2",
       [](const ConfigValue& c) {
         return std::make_shared<L1L2>(number(c, "l1", 0.0), number(c, "l2", 0.0));
       }},
      {"OrthogonalRegularizer",
       [](const ConfigValue& c) {
         return std::make_shared<OrthogonalRegularizer>(OrthogonalRegularizerOptions{
             number(c, "factor", 0.01), c.get("mode", "rows").as_string()});
       }},
  };
  return table;
}

const std::map<std::string, std::string>& names() {
  static const std::map<std::string, std::string> table = {
      {"L1", "L1"},
      {"L2", "L2"},
      {"L1L2", "L1L2"},
      {"l1", "L1"},
      {"l2", "L2"},
      {"l1l2", "L1L2"},
      {"l1_l2", "L1L2"},
      {"OrthogonalRegularizer", "OrthogonalRegularizer"},
      {"orthogonal_regularizer", "OrthogonalRegularizer"},
  };
  return table;
}

const Factory& factory_for(const std::string& identifier) {
  auto it = names().find(identifier);
  if (it == names().end()) {
    std::string valid;
    for (const auto& n : all_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw ValueError("Could not interpret regularizer identifier: " + identifier +
                     ". Valid identifiers: " + valid);
  }
  return factories().at(it->second);
}

}  // namespace

std::shared_ptr<Regularizer> get(const std::string& identifier) {
  return factory_for(identifier)(ConfigValue::dict());
}

std::shared_ptr<Regularizer> deserialize(const ConfigValue& config) {
  if (config.is_string()) return get(config.as_string());
  if (!config.is_dict() || !config.contains("class_name"))
    throw ValueError(
        "Could not interpret regularizer config: expected a name or a dict with "
        "\"class_name\" and \"config\". Received: " +
        config.dump());
  const ConfigValue inner = config.get("config", ConfigValue::dict());
  if (!inner.is_dict())
    throw ValueError("Regularizer \"config\" must be a dict. Received: " + inner.dump());
  return factory_for(config.at("class_name").as_string())(inner);
}

ConfigValue serialize(const Regularizer& regularizer) {
  return ConfigValue(ConfigValue::Dict{{"module", "keras.regularizers"},
                                       {"class_name", regularizer.class_name()},
                                       {"config", regularizer.get_config()},
                                       {"registered_name", nullptr}});
}

std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const auto& [name, cls] : names()) out.push_back(name);
  return out;
}

}  // namespace keras::regularizers
