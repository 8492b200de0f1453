#include "src/utils/text.hpp"
#include "keras/optimizers/muon.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"
#include "src/optimizers/fused_updates.hpp"

namespace keras::optimizers {

namespace {

// The last two axes swapped (2-D here: a plain transpose).
Tensor transpose_last(const Tensor& x) { return ops::transpose(x, {1, 0}); }

}  // namespace

MuonImpl::MuonImpl(MuonOptions o)
    : Optimizer(base_options(o), "muon"),
      o_(std::move(o)),
      adam_lr_ratio_is_int_(std::floor(o_.adam_lr_ratio) == o_.adam_lr_ratio) {
  for (const auto& p : o_.exclude_layers) {
    try {
      std::regex check(p);
    } catch (const std::regex_error& e) {
      throw ValueError("Muon: `exclude_layers` entry '" + p +
                       "' is not a valid regular expression (" + e.what() + ")");
    }
  }
}

bool MuonImpl::uses_adam(const Variable& var) const {
  if (var.shape().rank() != 2) return true;
  if (o_.exclude_embeddings &&
      keras::utils::detail::to_lower(var.path()).find("embedding") != std::string::npos)
    return true;
  return std::any_of(o_.exclude_layers.begin(), o_.exclude_layers.end(), [&](const std::string& p) {
    return std::regex_search(var.path(), std::regex(p));
  });
}

void MuonImpl::build_slots(const std::vector<Variable>& vars) {
  // Keras creates them variable by variable: the momentum, then (Adam variables) the velocity.
  for (const auto& var : vars) {
    momentums_.push_back(add_optimizer_variables({var}, "momentum")[0]);
    velocities_.push_back(
        uses_adam(var) ? std::optional<std::size_t>(add_optimizer_variables({var}, "velocity")[0])
                       : std::nullopt);
  }
}

std::optional<double> MuonImpl::weight_decay_for(const Variable& var) const {
  // The velocity slot marks the Adam variables (decided once, at build: no regex per step).
  return velocities_[variable_index(var)] ? o_.adam_weight_decay : o_.weight_decay;
}

void MuonImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& m = slot(momentums_[i]);
  if (velocities_[i])
    adam_step(grad, var, m, slot(*velocities_[i]),
              static_cast<float>(learning_rate) * static_cast<float>(o_.adam_lr_ratio));
  else muon_step(grad, var, m, learning_rate);
}

void MuonImpl::adam_step(const Tensor& grad, Variable& var, Variable& m, Variable& v, double lr) {
  // Adam's update (adam.cpp), float32 step size in Keras's order.
  const float t = static_cast<float>(local_step());
  const float beta_1_power = std::pow(static_cast<float>(o_.adam_beta_1), t);
  const float beta_2_power = std::pow(static_cast<float>(o_.adam_beta_2), t);
  const float alpha =
      static_cast<float>(lr) * std::sqrt(1.0f - beta_2_power) / (1.0f - beta_1_power);
  if (detail::fused_adam(grad, var, m, v, nullptr, 1.0 - o_.adam_beta_1, 1.0 - o_.adam_beta_2,
                         alpha, o_.epsilon))
    return;
  m.assign_add(ops::multiply(ops::subtract(grad, m.value()), 1.0 - o_.adam_beta_1));
  v.assign_add(ops::multiply(ops::subtract(ops::square(grad), v.value()), 1.0 - o_.adam_beta_2));
  var.assign_sub(
      ops::divide(ops::multiply(m.value(), alpha), ops::add(ops::sqrt(v.value()), o_.epsilon)));
}

void MuonImpl::muon_step(const Tensor& grad, Variable& var, Variable& m, double lr) {
  // m = m * momentum + g, written as Keras adds g + m * (momentum - 1).
  m.assign_add(ops::add(grad, ops::multiply(m.value(), o_.momentum - 1.0)));
  const Tensor direction =
      o_.nesterov ? ops::add(grad, ops::multiply(m.value(), o_.momentum)) : m.value();
  Tensor update = ops::multiply(newton_schulz(direction), static_cast<float>(lr));
  if (o_.rms_rate) {
    // Moonlight's scaling: sqrt(max(rows, cols)) * rms_rate, so Muon can share Adam's rate.
    const auto& dims = var.shape();
    const float side = static_cast<float>(std::max(dims[0], dims[1]));
    update = ops::multiply(ops::multiply(update, std::sqrt(side)), *o_.rms_rate);
  }
  var.assign_sub(update);
}

Tensor MuonImpl::newton_schulz(Tensor x) const {
  // Works on the wide orientation (rows <= cols), so x x^T is the smaller Gram matrix.
  const bool tall = x.shape()[0] > x.shape()[1];
  if (tall) x = transpose_last(x);
  // Frobenius norm bounds the spectral norm: scaled so every singular value is at most 1.
  x = ops::divide(x, ops::add(ops::sqrt(ops::sum(ops::square(x))), 1e-7));
  for (std::int64_t k = 0; k < o_.ns_steps; ++k) {
    const Tensor a = ops::matmul(x, transpose_last(x));
    // Keras's b * A + c * A @ A groups as (c * A) @ A.
    const Tensor b =
        ops::add(ops::multiply(a, o_.muon_b), ops::matmul(ops::multiply(a, o_.muon_c), a));
    x = ops::add(ops::multiply(x, o_.muon_a), ops::matmul(b, x));
  }
  return tall ? transpose_last(x) : x;
}

ConfigValue MuonImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["adam_beta_1"] = o_.adam_beta_1;
  c["adam_beta_2"] = o_.adam_beta_2;
  c["epsilon"] = o_.epsilon;
  ConfigValue layers = ConfigValue::list();
  for (const auto& p : o_.exclude_layers) layers.as_list().push_back(p);
  c["exclude_layers"] = layers;
  c["muon_a"] = o_.muon_a;
  c["muon_b"] = o_.muon_b;
  c["muon_c"] = o_.muon_c;
  c["adam_lr_ratio"] = adam_lr_ratio_is_int_
                           ? ConfigValue(static_cast<std::int64_t>(o_.adam_lr_ratio))
                           : ConfigValue(o_.adam_lr_ratio);
  c["momentum"] = o_.momentum;
  c["ns_steps"] = o_.ns_steps;
  c["nesterov"] = o_.nesterov;
  c["exclude_embeddings"] = o_.exclude_embeddings;
  c["adam_weight_decay"] =
      o_.adam_weight_decay ? ConfigValue(*o_.adam_weight_decay) : ConfigValue();
  c["rms_rate"] = o_.rms_rate ? ConfigValue(*o_.rms_rate) : ConfigValue();
  return c;
}

std::shared_ptr<MuonImpl> MuonImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Muon");
  MuonOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.adam_beta_1 = r.number("adam_beta_1", o.adam_beta_1);
  o.adam_beta_2 = r.number("adam_beta_2", o.adam_beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  // None reads as no layers, as Keras's `exclude_layers or []`.
  if (const ConfigValue layers = r.raw("exclude_layers"); !layers.is_null()) {
    const auto refuse = [&] {
      throw TypeError("Muon: `exclude_layers` must be a list of strings. Received: " +
                      layers.dump());
    };
    if (!layers.is_list()) refuse();
    for (const auto& p : layers.as_list()) {
      if (!p.is_string()) refuse();
      o.exclude_layers.push_back(p.as_string());
    }
  }
  o.muon_a = r.number("muon_a", o.muon_a);
  o.muon_b = r.number("muon_b", o.muon_b);
  o.muon_c = r.number("muon_c", o.muon_c);
  bool ratio_is_int = true;
  if (r.has("adam_lr_ratio")) ratio_is_int = r.raw("adam_lr_ratio").is_int();
  o.adam_lr_ratio = r.number("adam_lr_ratio", o.adam_lr_ratio);
  o.momentum = r.number("momentum", o.momentum);
  o.ns_steps = r.integer("ns_steps", o.ns_steps);
  o.nesterov = r.boolean("nesterov", o.nesterov);
  o.exclude_embeddings = r.boolean("exclude_embeddings", o.exclude_embeddings);
  if (r.present("adam_weight_decay")) o.adam_weight_decay = r.optional_number("adam_weight_decay");
  if (r.present("rms_rate")) o.rms_rate = r.optional_number("rms_rate");
  r.finish();
  auto out = std::make_shared<MuonImpl>(std::move(o));
  out->adam_lr_ratio_is_int_ = ratio_is_int;  // keeps Keras's spelling: 1 or 1.0
  return out;
}

}  // namespace keras::optimizers
