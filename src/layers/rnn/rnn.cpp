#include "keras/layers/rnn/rnn.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

RNNImpl::RNNImpl(std::shared_ptr<RNNCellImpl> cell, RNNOptions options, std::string default_prefix)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            std::move(default_prefix)),
      cell_(std::move(cell)),
      rnn_options_(std::move(options)) {
  track(cell_);
  input_spec = {InputSpec{.ndim = 3}};
}

void RNNImpl::build(const Shape& input_shape) {
  // The cell is built for one step's input: (batch, features), in the layer's name scope so
  // its weights are "lstm/lstm_cell/kernel", as in Keras (and optimizer slots named after them
  // stay apart when a model has two LSTMs).
  if (!cell_->built()) {
    NameScope scope(name());
    cell_->build(Shape({input_shape[0], input_shape[2]}));
    cell_->set_built();
  }
  if (!rnn_options_.stateful) return;
  if (input_shape[0] < 0)
    throw ValueError(
        "When using `stateful=True` in a RNN, the batch size must be static. Found dynamic "
        "batch size: sequence.shape=" +
        input_shape.to_string());
  states_ = cell_->get_initial_state(input_shape[0]);
}

void RNNImpl::reset_states() {
  for (auto& s : states_) s = ops::zeros_like(s);
}

std::vector<Tensor> RNNImpl::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (inputs.size() != 1)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") expects 1 input (the sequences), but it received " +
                     std::to_string(inputs.size()) +
                     " input tensors; initial_state is not supported yet");
  const Tensor& sequences = inputs[0];
  const std::int64_t batch = sequences.shape()[0], timesteps = sequences.shape()[1];
  if (timesteps <= 0)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") needs at least one time step; received inputs of shape " +
                     sequences.shape().to_string());
  std::vector<Tensor> states;
  if (rnn_options_.stateful) {
    if (!states_.empty() && states_[0].shape()[0] != batch)
      throw ValueError(
          "If an RNN is stateful, the batch size of the input sequences must be the same as the "
          "batch size of the initial state. \n- Expected batch size: " +
          std::to_string(states_[0].shape()[0]) +
          "\n- Received batch size: " + std::to_string(batch));
    states = states_;
  } else {
    states = cell_->get_initial_state(batch);
  }

  Tensor first_step = ops::squeeze(ops::slice(sequences, {0, 0, 0}, {batch, 1, -1}), 1);
  cell_->begin_sequence(first_step, states.at(0), training);
  // The state-independent part of every step in one go, then one slice per step.
  const Tensor projected = cell_->project_inputs(sequences, training);
  auto steps = ops::split(projected, timesteps, 1);
  if (rnn_options_.go_backwards) std::reverse(steps.begin(), steps.end());
  std::vector<Tensor> outputs;
  if (rnn_options_.return_sequences) outputs.reserve(steps.size());
  Tensor last_output;
  for (const auto& step_input : steps) {
    auto result = cell_->step(ops::squeeze(step_input, 1), states, training);
    last_output = result.at(0);
    states.assign(result.begin() + 1, result.end());
    if (rnn_options_.return_sequences) outputs.push_back(last_output);
  }
  cell_->end_sequence();

  if (rnn_options_.stateful) {
    // The carried states are values, not part of the next call's gradient.
    NoGrad no_grad;
    states_.clear();
    for (const auto& s : states) states_.push_back(ops::copy(s));
  }
  // go_backwards returns the outputs in the order they were computed (reversed), as Keras.
  std::vector<Tensor> result{rnn_options_.return_sequences ? ops::stack(outputs, 1) : last_output};
  if (rnn_options_.return_state) result.insert(result.end(), states.begin(), states.end());
  return result;
}

std::vector<Shape> RNNImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  const Shape& in = input_shapes.at(0);
  const std::int64_t batch = in[0];
  std::vector<Shape> out{rnn_options_.return_sequences ? Shape({batch, in[1], cell_->output_size()})
                                                       : Shape({batch, cell_->output_size()})};
  if (rnn_options_.return_state)
    for (std::int64_t size : cell_->state_size()) out.push_back(Shape({batch, size}));
  return out;
}

bool RNNImpl::returns_several_outputs() const { return rnn_options_.return_state; }

std::string RNNImpl::sublayer_attribute(const Layer& sublayer) const {
  return &sublayer == cell_.get() ? "cell" : "";
}

ConfigValue RNNImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  detail::write_rnn_arguments(c, rnn_options_);
  return c;
}

}  // namespace keras::layers
