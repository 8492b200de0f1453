#include "keras/metrics/metric.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::metrics {

Metric::Metric(std::string name) : name_(std::move(name)) {}

void Metric::update_state(const Tensor&) {
  throw TypeError(
      class_name() + ".update_state() missing 1 required positional argument: 'y_pred' (metric '" +
      name_ + "' takes (y_true, y_pred, sample_weight); only Mean and Sum take values alone)");
}

void Metric::reset_state() {
  NoGrad no_grad;
  for (auto& v : variables_) v.assign(ops::zeros(v.shape(), v.dtype()));
}

std::string Metric::dtype() const { return config::floatx(); }

ConfigValue Metric::get_config() const {
  return ConfigValue::Dict{{"name", name_}, {"dtype", dtype()}};
}

Variable Metric::add_variable(const std::string& name) { return add_variable(name, Shape{}); }

Variable Metric::add_variable(const std::string& name, const Shape& shape) {
  Variable v(ops::zeros(shape, dtype_from_name(dtype())), /*trainable=*/false, name);
  v.set_path(name_ + "/" + name);
  variables_.push_back(v);
  return v;
}

}  // namespace keras::metrics
