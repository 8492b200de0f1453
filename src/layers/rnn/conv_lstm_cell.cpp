#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/rnn/conv_lstm.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/convolutional/conv_utils.hpp"
#include "src/layers/rnn/unit_forget_bias.hpp"

namespace keras::layers {

namespace {

detail::ConvGeometry geometry(const ConvLSTMCellImpl& cell) {
  return {cell.rank(),          cell.kernel_size(), cell.strides(),
          cell.dilation_rate(), cell.padding(),     cell.data_format()};
}

}  // namespace

ConvLSTMCellImpl::ConvLSTMCellImpl(int rank, std::int64_t filters, const IntTuple& kernel_size,
                                   ConvLSTMOptions options)
    : RNNCellImpl({"conv_lstm_cell", options.trainable, options.dtype}, "conv_lstm_cell"),
      rank_(rank),
      filters_(filters),
      options_(std::move(options)),
      dropout_(options_.dropout, options_.recurrent_dropout, options_.seed) {
  const std::string owner = "ConvLSTMCell layer 'conv_lstm_cell'";
  if (rank > 3)
    throw ValueError(
        "Rank " + std::to_string(rank) +
        " convolutions are not currently implemented. Received: rank=" + std::to_string(rank));
  detail::check_positive(filters, "filters", owner);
  const detail::ConvGeometry g =
      detail::standardize_geometry(rank, kernel_size, options_.strides, options_.dilation_rate,
                                   options_.padding, false, options_.data_format, owner);
  auto above_one = [](const std::vector<std::int64_t>& v) {
    return std::any_of(v.begin(), v.end(), [](std::int64_t x) { return x > 1; });
  };
  if (above_one(g.strides) && above_one(g.dilation_rate))
    throw ValueError(owner +
                     ": Specifying `strides > 1` is not compatible with `dilation_rate > 1`. "
                     "Please provide `strides=1` or `dilation_rate=1`. Received: strides=" +
                     tuple_string(g.strides) +
                     " and dilation_rate=" + tuple_string(g.dilation_rate));
  kernel_size_ = g.kernel_size;
  strides_ = g.strides;
  dilation_rate_ = g.dilation_rate;
  padding_ = g.padding;
  data_format_ = g.data_format;
}

int ConvLSTMCellImpl::channel_axis(int tensor_rank) const {
  return data_format_ == "channels_first" ? 1 : tensor_rank - 1;
}

Shape ConvLSTMCellImpl::step_output_shape(const Shape& step_input_shape) const {
  return detail::conv_output_shape(*this, step_input_shape, filters_, geometry(*this));
}

void ConvLSTMCellImpl::build(const Shape& input_shape) {
  const int axis = channel_axis(input_shape.rank());
  for (int i = 1; i < input_shape.rank(); ++i)
    if (i != axis && input_shape[i] < 0)
      throw ValueError(
          "ConvLSTM layers only support static input shapes for the spatial dimension. Received "
          "invalid input shape: input_shape=" +
          input_shape.to_string());
  if (input_shape.rank() != rank_ + 2 || input_shape[axis] < 0)
    throw ValueError(
        "The channel dimension of the inputs (last axis) should be defined. Found None. Full "
        "input shape received: input_shape=" +
        input_shape.to_string());
  const std::int64_t channels = input_shape[axis];
  kernel_ = add_weight({.shape = detail::kernel_shape(kernel_size_, channels, 4 * filters_),
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint,
                        .name = "kernel"});
  recurrent_kernel_ =
      add_weight({.shape = detail::kernel_shape(kernel_size_, filters_, 4 * filters_),
                  .initializer = options_.recurrent_initializer,
                  .regularizer = options_.recurrent_regularizer,
                  .constraint = options_.recurrent_constraint,
                  .name = "recurrent_kernel"});
  if (options_.use_bias) {
    initializers::Spec bias_init = options_.bias_initializer;
    if (options_.unit_forget_bias)
      bias_init =
          std::make_shared<detail::UnitForgetBias>(options_.bias_initializer.get(), filters_);
    bias_ = add_weight({.shape = {4 * filters_},
                        .initializer = bias_init,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
  }
  const Shape out = step_output_shape(input_shape);
  step_output_ = Shape(std::vector<std::int64_t>(out.dims().begin() + 1, out.dims().end()));
}

void ConvLSTMCellImpl::begin_sequence(const Tensor& step_input, const Tensor& state,
                                      bool training) {
  dropout_.draw(step_input, state, training);
}

namespace {

// Keras's cell multiplies the inputs of gate g by row g of the (batch-shaped) dropout mask, the
// same row for every sample; JAX clamps the row index to the batch.
Tensor mask_row(const Tensor& mask, int gate) {
  const std::int64_t row = std::min<std::int64_t>(gate, mask.shape()[0] - 1);
  std::vector<std::int64_t> start(static_cast<std::size_t>(mask.rank()), 0);
  std::vector<std::int64_t> size(static_cast<std::size_t>(mask.rank()), -1);
  start[0] = row;
  size[0] = 1;
  return ops::slice(mask, start, size);  // (1, ...): broadcasts over the batch
}

// conv(x, kernel), or with a dropout mask one conv per gate of x * mask_row(g) with that gate's
// quarter of the kernel, joined on the channel axis.
Tensor gated_conv(const Tensor& x, const Tensor& kernel, const Tensor& mask,
                  const ops::ConvOptions& options, int rank, int channel_axis) {
  if (!mask.defined()) return ops::conv(x, kernel, options);
  const auto kernels = ops::split(kernel, 4, rank + 1);
  std::vector<Tensor> parts;
  for (int g = 0; g < 4; ++g)
    parts.push_back(ops::conv(ops::multiply(x, mask_row(mask, g)), kernels[g], options));
  return ops::concatenate(parts, channel_axis);
}

}  // namespace

Tensor ConvLSTMCellImpl::project_inputs(const Tensor& sequences, bool) {
  // (batch, time, ...) -> (batch * time, ...): one convolution for every step.
  const Shape& s = sequences.shape();
  std::vector<std::int64_t> folded{s[0] * s[1]};
  for (int i = 2; i < s.rank(); ++i) folded.push_back(s[i]);
  const Tensor x = ops::reshape(sequences, Shape(folded));
  const ops::ConvOptions options{strides_, padding_, data_format_, dilation_rate_};
  Tensor z =
      gated_conv(x, kernel_.value(), dropout_.input_mask(), options, rank_, channel_axis(x.rank()));
  if (options_.use_bias) z = detail::add_channel_bias(z, bias_.value(), geometry(*this));
  std::vector<std::int64_t> unfolded{s[0], s[1]};
  for (int i = 1; i < z.rank(); ++i) unfolded.push_back(z.shape()[i]);
  return ops::reshape(z, Shape(unfolded));
}

std::vector<Tensor> ConvLSTMCellImpl::step(const Tensor& projected,
                                           const std::vector<Tensor>& states, bool) {
  const Tensor& h_prev = states.at(0);
  const Tensor& c_prev = states.at(1);
  // The recurrent convolution: stride 1, "same" padding, no dilation (Keras's recurrent_conv).
  const ops::ConvOptions recurrent{{1}, "same", data_format_, {1}};
  const int axis = channel_axis(projected.rank());
  const Tensor z = ops::add(projected, gated_conv(h_prev, recurrent_kernel_.value(),
                                                  dropout_.state_mask(), recurrent, rank_, axis));
  const auto gates = ops::split(z, 4, axis);  // i, f, c, o
  const Tensor i = options_.recurrent_activation(gates[0]);
  const Tensor f = options_.recurrent_activation(gates[1]);
  const Tensor c =
      ops::add(ops::multiply(f, c_prev), ops::multiply(i, options_.activation(gates[2])));
  const Tensor o = options_.recurrent_activation(gates[3]);
  const Tensor h = ops::multiply(o, options_.activation(c));
  return {h, h, c};
}

}  // namespace keras::layers
