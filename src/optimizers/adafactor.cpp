#include "keras/optimizers/adafactor.hpp"

#include <algorithm>
#include <cmath>

#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

namespace {
// Root mean square of all elements, as a float32 number.
float rms(const Tensor& x) { return ops::sqrt(ops::mean(ops::square(x))).item<float>(); }
}  // namespace

AdafactorImpl::AdafactorImpl(AdafactorOptions o)
    : Optimizer(base_options(o), "adafactor"),
      beta_2_decay_(o.beta_2_decay),
      epsilon_1_(o.epsilon_1),
      epsilon_2_(o.epsilon_2),
      clip_threshold_(o.clip_threshold),
      relative_step_(o.relative_step) {}

void AdafactorImpl::build_slots(const std::vector<Variable>& vars) {
  for (const auto& var : vars) {
    const Shape& shape = var.shape();
    const auto rank = shape.rank();
    if (rank < 2) {
      // Keras's placeholders: backend.Variable(0, name=var.name), int32, outside the
      // optimizer's name scope when fit builds it.
      rows_.push_back(add_variable(scalar(0, DType::int32), var.name()));
      columns_.push_back(add_variable(scalar(0, DType::int32), var.name()));
    } else {
      // The last two axes are factored: rows drop the last axis, columns the one before it.
      std::vector<std::int64_t> dims(shape.dims().begin(), shape.dims().end());
      std::vector<std::int64_t> row_dims(dims.begin(), dims.end() - 1);
      std::vector<std::int64_t> column_dims(dims.begin(), dims.end() - 2);
      column_dims.push_back(dims.back());
      rows_.push_back(
          add_variable(ops::zeros(Shape(row_dims), var.dtype()), name() + "/" + var.name()));
      columns_.push_back(
          add_variable(ops::zeros(Shape(column_dims), var.dtype()), name() + "/" + var.name()));
    }
    velocities_.push_back(add_optimizer_variables({var}, "velocity")[0]);
  }
}

void AdafactorImpl::update_step(const Tensor& grad, Variable& var, double learning_rate) {
  const std::size_t i = variable_index(var);
  Variable& v = slot(velocities_[i]);
  // Scalars in float32 as Keras computes them. relative_step's min(lr, 1/sqrt(t)) is taken
  // again for rho_t regardless, so (as in Keras) it does not change the result.
  const float t = static_cast<float>(local_step());
  float lr = static_cast<float>(learning_rate);
  const float inverse_sqrt_t = 1.0f / std::sqrt(t);
  if (!learning_rate_spec().is_schedule() && relative_step_) lr = std::min(lr, inverse_sqrt_t);
  const float rho_t = std::min(lr, inverse_sqrt_t);
  const float alpha_t = std::max(static_cast<float>(epsilon_2_), rms(var.value())) * rho_t;
  const Tensor regulated_grad_square = ops::add(ops::square(grad), epsilon_1_);
  const float beta_2_t = 1.0f - std::pow(t, static_cast<float>(beta_2_decay_));

  if (var.shape().rank() >= 2) {
    Variable& r = slot(rows_[i]);
    Variable& c = slot(columns_[i]);
    r.assign(ops::add(ops::multiply(r.value(), beta_2_t),
                      ops::multiply(ops::mean(regulated_grad_square, {-1}), 1.0f - beta_2_t)));
    c.assign(ops::add(ops::multiply(c.value(), beta_2_t),
                      ops::multiply(ops::mean(regulated_grad_square, {-2}), 1.0f - beta_2_t)));
    v.assign(ops::multiply(
        ops::expand_dims(ops::divide(r.value(), ops::mean(r.value(), {-1}, true)), -1),
        ops::expand_dims(c.value(), -2)));
  } else {
    v.assign(ops::add(ops::multiply(v.value(), beta_2_t),
                      ops::multiply(regulated_grad_square, 1.0f - beta_2_t)));
  }
  const Tensor u_t = ops::divide(grad, ops::sqrt(v.value()));
  const float clip = std::max(1.0f, rms(u_t) / static_cast<float>(clip_threshold_));
  var.assign_sub(ops::multiply(ops::divide(u_t, clip), alpha_t));
}

ConfigValue AdafactorImpl::get_config() const {
  ConfigValue c = Optimizer::get_config();
  c["beta_2_decay"] = beta_2_decay_;
  c["epsilon_1"] = epsilon_1_;
  c["epsilon_2"] = epsilon_2_;
  c["clip_threshold"] = clip_threshold_;
  c["relative_step"] = relative_step_;
  return c;
}

std::shared_ptr<AdafactorImpl> AdafactorImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "Adafactor");
  AdafactorOptions o;
  set_base_options(o, read_base_config(r, base_options(o)));
  o.beta_2_decay = r.number("beta_2_decay", o.beta_2_decay);
  o.epsilon_1 = r.number("epsilon_1", o.epsilon_1);
  o.epsilon_2 = r.number("epsilon_2", o.epsilon_2);
  o.clip_threshold = r.number("clip_threshold", o.clip_threshold);
  o.relative_step = r.boolean("relative_step", o.relative_step);
  r.finish();
  return std::make_shared<AdafactorImpl>(std::move(o));
}

}  // namespace keras::optimizers
