#include "keras/layers/rnn/dense_rnn_cell.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers {

DenseRNNCellImpl::DenseRNNCellImpl(std::int64_t units, std::int64_t gates, const LayerOptions& base,
                                   std::string default_prefix, DropoutRNNCell dropout,
                                   Recipes recipes)
    : RNNCellImpl(base, std::move(default_prefix)),
      units_(units),
      gates_(gates),
      recipes_(std::move(recipes)),
      dropout_(std::move(dropout)) {
  if (units <= 0)
    throw ValueError(
        "Received an invalid value for argument `units`, expected a positive integer, got " +
        std::to_string(units) + ".");
}

void DenseRNNCellImpl::build(const Shape& input_shape) {
  kernel_ = add_weight({.shape = {input_shape.dim(-1), gates_ * units_},
                        .initializer = recipes_.kernel_initializer,
                        .regularizer = recipes_.kernel_regularizer,
                        .constraint = recipes_.kernel_constraint,
                        .name = "kernel"});
  recurrent_kernel_ = add_weight({.shape = {units_, gates_ * units_},
                                  .initializer = recipes_.recurrent_initializer,
                                  .regularizer = recipes_.recurrent_regularizer,
                                  .constraint = recipes_.recurrent_constraint,
                                  .name = "recurrent_kernel"});
  if (!recipes_.use_bias) return;
  bias_ = add_weight({.shape = bias_shape(),
                      .initializer = bias_initializer(),
                      .regularizer = recipes_.bias_regularizer,
                      .constraint = recipes_.bias_constraint,
                      .name = "bias"});
}

void DenseRNNCellImpl::begin_sequence(const Tensor& step_input, const Tensor& state,
                                      bool training) {
  dropout_.draw(step_input, state, training);
}

namespace {

// x (..., features) @ kernel (+ bias): one 2-D product over all the leading axes (a 3-D
// operand would make the kernel's gradient a batch of products summed afterwards).
Tensor project(const Tensor& x, const Tensor& kernel, const Tensor* bias) {
  const Shape& s = x.shape();
  std::vector<std::int64_t> dims = s.dims();
  std::int64_t rows = 1;
  for (std::size_t i = 0; i + 1 < dims.size(); ++i) rows *= dims[i];
  dims.back() = kernel.shape()[1];
  Tensor z =
      ops::reshape(ops::matmul(ops::reshape(x, Shape({rows, s.dim(-1)})), kernel), Shape(dims));
  return bias ? ops::add(z, *bias) : z;
}

}  // namespace

Tensor DenseRNNCellImpl::project_inputs(const Tensor& sequences, bool) {
  const Tensor bias = recipes_.use_bias ? input_bias() : Tensor();
  return project(dropout_.drop_inputs(sequences), kernel_.value(),
                 recipes_.use_bias ? &bias : nullptr);
}

Tensor DenseRNNCellImpl::time_major_inputs(const Tensor& sequences, bool go_backwards) const {
  // The input mask is (batch, features): applied before the transpose.
  Tensor x = ops::transpose(dropout_.drop_inputs(sequences), {1, 0, 2});
  return go_backwards ? ops::flip(x, 0) : x;
}

Tensor DenseRNNCellImpl::project_time_major(const Tensor& sequences, bool go_backwards) const {
  const Tensor bias = recipes_.use_bias ? input_bias() : Tensor();
  return project(time_major_inputs(sequences, go_backwards), kernel_.value(),
                 recipes_.use_bias ? &bias : nullptr);
}

}  // namespace keras::layers
