#include "keras/layers/rnn/rnn.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/registry.hpp"
#include "src/core/ops/recurrent.hpp"
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
  set_supports_masking(true);
}

namespace {

// One step's input shape: the sequences' without the time axis.
Shape step_shape(const Shape& sequences) {
  std::vector<std::int64_t> dims{sequences[0]};
  for (int i = 2; i < sequences.rank(); ++i) dims.push_back(sequences[i]);
  return Shape(dims);
}

std::shared_ptr<RNNCellImpl> as_cell(const std::shared_ptr<Layer>& cell) {
  auto typed = std::dynamic_pointer_cast<RNNCellImpl>(cell);
  if (!typed)
    throw ValueError(
        "The RNN cell should have a `state_size` attribute (single integer or list of integers, "
        "one integer per RNN state). Received: cell=" +
        (cell ? "<" + cell->class_name() + " name=" + cell->name() + ">" : std::string("None")) +
        " (in C++ a cell is a keras::layers::RNNCellImpl)");
  return typed;
}

}  // namespace

RNNImpl::RNNImpl(std::shared_ptr<Layer> cell, RNNOptions options)
    : RNNImpl(as_cell(cell), std::move(options), "rnn") {
  cell_in_config_ = true;
}

std::shared_ptr<Layer> RNNImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "RNN");
  RNNOptions o;
  read_base_options(r, o);
  detail::read_rnn_arguments(r, o);
  const ConfigValue cell = r.raw("cell");
  if (!cell.is_dict())
    throw ValueError(r.owner() + ": `cell` must be a serialized recurrent cell; received " +
                     cell.dump());
  r.finish();
  return std::make_shared<RNNImpl>(deserialize(cell), std::move(o));
}

void RNNImpl::build(const Shape& input_shape) {
  // The cell is built for one step's input: (batch, features), in the layer's name scope so
  // its weights are "lstm/lstm_cell/kernel", as in Keras (and optimizer slots named after them
  // stay apart when a model has two LSTMs).
  if (!cell_->built()) {
    NameScope scope(name());
    cell_->build(step_shape(input_shape));
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

void RNNImpl::build_list(const std::vector<Shape>& input_shapes) { build(input_shapes.at(0)); }

std::vector<Tensor> RNNImpl::given_initial_state(const std::vector<Tensor>& inputs) const {
  const auto sizes = cell_->state_size();
  const auto shapes = cell_->state_shapes();
  const std::size_t given = inputs.size() - 1;
  auto sizes_text = [&] {
    std::string t;
    for (auto n : sizes) t += (t.empty() ? "" : ", ") + std::to_string(n);
    return "[" + t + "]";
  };
  if (given != sizes.size())
    throw ValueError("Layer \"" + name() + "\" (" + class_name() + ") expects " +
                     std::to_string(sizes.size()) + " initial state(s) (its cell's state_size is " +
                     sizes_text() + "), but it received " + std::to_string(given) +
                     " initial state tensor(s)");
  const std::int64_t batch = inputs[0].shape()[0];
  std::vector<Tensor> states;
  for (std::size_t i = 0; i < given; ++i) {
    const Tensor& s = inputs[i + 1];
    const Shape expected = batched_shape(batch, shapes[i]);
    if (!(s.shape() == expected))
      throw ValueError("Layer \"" + name() + "\" (" + class_name() + "): initial state " +
                       std::to_string(i) + " must have shape " + expected.to_string() +
                       " (batch_size, then the cell's state shape) for sequences of shape " +
                       inputs[0].shape().to_string() + "; received shape " + s.shape().to_string());
    states.push_back(ops::cast(s, compute_dtype()));
  }
  return states;
}

void RNNImpl::reset_states() {
  for (auto& s : states_) s = ops::zeros_like(s);
}

std::vector<Tensor> RNNImpl::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (inputs.empty())
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") expects the sequences (and optionally the initial states); it received "
                     "no input");
  const Tensor& sequences = inputs[0];
  const std::int64_t batch = sequences.shape()[0], timesteps = sequences.shape()[1];
  if (timesteps <= 0)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") needs at least one time step; received inputs of shape " +
                     sequences.shape().to_string());
  std::vector<Tensor> states;
  if (inputs.size() > 1) {
    states = given_initial_state(inputs);
  } else if (rnn_options_.stateful) {
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

  std::vector<std::int64_t> start(static_cast<std::size_t>(sequences.rank()), 0);
  std::vector<std::int64_t> size(static_cast<std::size_t>(sequences.rank()), -1);
  size[0] = batch;
  size[1] = 1;
  Tensor first_step = ops::squeeze(ops::slice(sequences, start, size), 1);
  cell_->begin_sequence(first_step, states.at(0), training);
  // A masked step keeps the states and repeats the previous output (Keras's backend rnn).
  // Keras fills a call's `mask` from its input only when the call has one tensor argument, so
  // an RNN given initial states runs unmasked (its output still carries the mask on).
  std::vector<Tensor> keep_steps =
      inputs.size() == 1 ? mask_per_step(call_mask(), sequences.shape()) : std::vector<Tensor>{};
  const std::size_t output_state = cell_->output_state_index();
  Tensor last_output, sequence_output;
  // Without a mask the cell may run the whole loop as one op (the LSTM's fused sequence).
  std::vector<Tensor> whole =
      keep_steps.empty()
          ? cell_->run_sequence(sequences, states, rnn_options_.go_backwards, training)
          : std::vector<Tensor>{};
  if (!whole.empty()) {
    states.assign(whole.begin() + 1, whole.end());
    last_output = states.at(output_state);
    if (rnn_options_.return_sequences) {
      std::vector<int> batch_major{1, 0};
      for (int axis = 2; axis < whole[0].rank(); ++axis) batch_major.push_back(axis);
      sequence_output = ops::transpose(whole[0], batch_major);
    }
  } else {
    // The state-independent part of every step in one go, then one slice per step (one op for
    // all of them, whose gradient is one buffer: a slice per step would pad each step's
    // gradient to the whole sequence's size and sum them, quadratic in the time steps).
    const Tensor projected = cell_->project_inputs(sequences, training);
    auto steps = ops::detail::unstack(projected, 1);
    if (rnn_options_.go_backwards) std::reverse(steps.begin(), steps.end());
    if (rnn_options_.go_backwards) std::reverse(keep_steps.begin(), keep_steps.end());
    std::vector<Tensor> outputs;
    if (rnn_options_.return_sequences) outputs.reserve(steps.size());
    for (std::size_t t = 0; t < steps.size(); ++t) {
      auto result = cell_->step(steps[t], states, training);
      Tensor output = result.at(0);
      if (!keep_steps.empty()) {
        // (batch, 1), or (batch, 1, 1, 1) against a convolutional cell's feature maps.
        const Tensor keep =
            output.rank() == 2
                ? keep_steps[t]
                : ops::reshape(
                      keep_steps[t],
                      batched_shape(batch, Shape(std::vector<std::int64_t>(output.rank() - 1, 1))));
        // Keras's scan takes the previous output from the first state (zeros with
        // zero_output_for_mask); its unrolled loop from the previous step's output, zeros
        // first.
        Tensor previous = rnn_options_.unroll
                              ? (last_output.defined() ? last_output : ops::zeros_like(output))
                              : (rnn_options_.zero_output_for_mask ? ops::zeros_like(output)
                                                                   : states.at(output_state));
        output = ops::where(keep, output, previous);
        for (std::size_t i = 1; i < result.size(); ++i)
          result[i] = ops::where(keep, result[i], states.at(i - 1));
      }
      last_output = output;
      states.assign(result.begin() + 1, result.end());
      if (rnn_options_.return_sequences) outputs.push_back(last_output);
    }
    if (rnn_options_.return_sequences) sequence_output = ops::stack(outputs, 1);
  }
  cell_->end_sequence();

  if (rnn_options_.stateful) {
    // The carried states are values, not part of the next call's gradient.
    NoGrad no_grad;
    states_.clear();
    for (const auto& s : states) states_.push_back(ops::copy(s));
  }
  // go_backwards returns the outputs in the order they were computed (reversed), as Keras.
  std::vector<Tensor> result{rnn_options_.return_sequences ? sequence_output : last_output};
  if (rnn_options_.return_state) result.insert(result.end(), states.begin(), states.end());
  return result;
}

std::vector<Tensor> RNNImpl::mask_per_step(const Tensor& mask, const Shape& sequences) const {
  if (!mask.defined()) return {};
  const Shape& m = mask.shape();
  if (m.rank() != 2 || m[0] != sequences[0] || m[1] != sequences[1])
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     "): the mask must have shape (batch_size, timesteps) = (" +
                     std::to_string(sequences[0]) + ", " + std::to_string(sequences[1]) +
                     ") for inputs of shape " + sequences.to_string() +
                     "; received a mask of shape " + m.to_string());
  return ops::split(ops::cast(mask, DType::bool_), sequences[1], 1);  // (batch, 1) each
}

std::vector<Tensor> RNNImpl::compute_mask_list(const std::vector<Tensor>&,
                                               const std::vector<Tensor>& previous_masks) {
  // The sequences' mask is the output's with return_sequences; states are never masked.
  Tensor mask = previous_masks.empty() ? Tensor() : previous_masks[0];
  std::vector<Tensor> out{rnn_options_.return_sequences ? mask : Tensor()};
  if (rnn_options_.return_state) out.resize(1 + cell_->state_size().size());
  return out;
}

ConfigValue RNNImpl::get_build_config() const {
  return detail::sequences_build_config(Layer::get_build_config());
}

ConfigValue RNNImpl::node_config(const std::vector<ConfigValue>& input_tensors) const {
  if (input_tensors.size() <= 1) return Layer::node_config(input_tensors);
  return detail::initial_state_node_config(input_tensors);
}

std::vector<Shape> RNNImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  const Shape& in = input_shapes.at(0);
  const std::int64_t batch = in[0];
  // (A convolutional layer, whose step shape follows from its input's, overrides this.)
  const Shape step = cell_->output_shape();
  std::vector<std::int64_t> sequence_dims{batch, in[1]};
  for (int i = 0; i < step.rank(); ++i) sequence_dims.push_back(step[i]);
  std::vector<Shape> out{rnn_options_.return_sequences ? Shape(sequence_dims)
                                                       : batched_shape(batch, step)};
  if (rnn_options_.return_state)
    for (const Shape& shape : cell_->state_shapes()) out.push_back(batched_shape(batch, shape));
  return out;
}

bool RNNImpl::returns_several_outputs() const { return rnn_options_.return_state; }

std::string RNNImpl::sublayer_attribute(const Layer& sublayer) const {
  return &sublayer == cell_.get() ? "cell" : "";
}

ConfigValue RNNImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  detail::write_rnn_arguments(c, rnn_options_);
  if (cell_in_config_) c["cell"] = serialize(*cell_);
  return c;
}

}  // namespace keras::layers
