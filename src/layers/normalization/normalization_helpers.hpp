#pragma once
// Internal: what BatchNormalization, LayerNormalization and GroupNormalization share (Keras
// repeats it in each class): the gamma / beta options and their config keys, the dtype the
// statistics are computed in, keras.ops.batch_normalization's arithmetic, and the axis checks.
#include <string>
#include <utility>
#include <vector>

#include "keras/layers/layer.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers::detail {

// Keras computes the statistics in result_type(inputs, float32): float64 stays, half and
// integer inputs go to float32.
DType statistics_dtype(DType input);

// (x - mean) / sqrt(variance + epsilon) * gamma + beta, computed as Keras's
// ops.batch_normalization does (inv = rsqrt(variance + epsilon) * gamma; x * inv + (beta -
// mean * inv)), so results agree to the last bits. All arguments broadcast against x; gamma and
// beta may be undefined (scale=False, center=False).
Tensor scale_and_shift(const Tensor& x, const Tensor& mean, const Tensor& variance,
                       const Tensor& gamma, const Tensor& beta, double epsilon);
// Its two per-feature factors, x * scale + shift: {rsqrt(variance + epsilon) * gamma,
// beta - mean * scale} (what a convolution before BatchNormalization folds in at inference).
std::pair<Tensor, Tensor> scale_and_shift_of(const Tensor& mean, const Tensor& variance,
                                             const Tensor& gamma, const Tensor& beta,
                                             double epsilon);

// `axis` of a rank-`rank` input as a non-negative index; otherwise Keras's "Axis 3 is out of
// bounds for input shape (2, 3). Received: axis=3", `received` being the layer's axis argument.
int axis_in_bounds(int axis, const Shape& input_shape, const std::string& received);

// The layer's `axis` argument as Keras writes it in messages and configs: one int, or a list.
std::string axes_text(const std::vector<int>& axes);
ConfigValue axes_config(const std::vector<int>& axes, bool as_list);
// An int or a list of ints; `what` names the layer for the error.
std::vector<int> read_axes(const ConfigValue& value, const std::string& what);

// gamma then beta, as the layers create them (Keras's order); either may be skipped.
template <class Options>
std::pair<Variable, Variable> add_gamma_beta(Layer& layer, const Shape& shape, const Options& o,
                                             bool with_gamma, bool with_beta) {
  Variable gamma, beta;
  if (with_gamma)
    gamma = layer.add_weight({.shape = shape,
                              .initializer = o.gamma_initializer,
                              .regularizer = o.gamma_regularizer,
                              .constraint = o.gamma_constraint,
                              .name = "gamma"});
  if (with_beta)
    beta = layer.add_weight({.shape = shape,
                             .initializer = o.beta_initializer,
                             .regularizer = o.beta_regularizer,
                             .constraint = o.beta_constraint,
                             .name = "beta"});
  return {gamma, beta};
}

template <class Options>
void write_gamma_beta_config(ConfigValue& c, const Options& o) {
  c["beta_initializer"] = serialize_initializer(o.beta_initializer);
  c["gamma_initializer"] = serialize_initializer(o.gamma_initializer);
  c["beta_regularizer"] = serialize_regularizer(o.beta_regularizer);
  c["gamma_regularizer"] = serialize_regularizer(o.gamma_regularizer);
  c["beta_constraint"] = serialize_constraint(o.beta_constraint);
  c["gamma_constraint"] = serialize_constraint(o.gamma_constraint);
}

template <class Options>
void read_gamma_beta_config(keras::detail::ConfigReader& r, Options& o) {
  if (r.present("beta_initializer"))
    o.beta_initializer = read_initializer(r.raw("beta_initializer"), "zeros");
  if (r.present("gamma_initializer"))
    o.gamma_initializer = read_initializer(r.raw("gamma_initializer"), "ones");
  o.beta_regularizer = read_regularizer(r.raw("beta_regularizer"));
  o.gamma_regularizer = read_regularizer(r.raw("gamma_regularizer"));
  o.beta_constraint = read_constraint(r.raw("beta_constraint"));
  o.gamma_constraint = read_constraint(r.raw("gamma_constraint"));
}

}  // namespace keras::layers::detail
