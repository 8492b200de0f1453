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

Tensor DenseRNNCellImpl::project_inputs(const Tensor& sequences, bool) {
  // (batch * time, features) @ kernel, one 2-D product: a (batch, time, features) operand
  // would make the kernel's gradient a batch of products summed afterwards.
  const Tensor x = dropout_.drop_inputs(sequences);
  const Shape& s = x.shape();
  std::vector<std::int64_t> dims = s.dims();
  std::int64_t rows = 1;
  for (std::size_t i = 0; i + 1 < dims.size(); ++i) rows *= dims[i];
  dims.back() = gates_ * units_;
  Tensor z = ops::reshape(ops::matmul(ops::reshape(x, Shape({rows, s.dim(-1)})), kernel_.value()),
                          Shape(dims));
  return recipes_.use_bias ? ops::add(z, input_bias()) : z;
}

}  // namespace keras::layers
