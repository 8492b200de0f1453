#pragma once
// The base of the recurrent cells (keras.layers.SimpleRNNCell, LSTMCell, GRUCell): one time
// step of a recurrent layer. keras.layers.RNN loops a cell over the time axis.
//
// Keras's cell has one `call(inputs, states)`. Here a step is split in two so the loop can be
// fast: `project_inputs` does the part that does not depend on the state for every time step
// at once (the built-in cells: one matmul of all the inputs with the kernel), and `step` does
// the rest for one step (the recurrent matmul and the gates). Called alone, a cell takes
// `{inputs, states...}` and returns `{output, new states...}`, as Keras's `cell(x, states)`.
#include <cstdint>
#include <vector>

#include "keras/layers/layer.hpp"

namespace keras::layers {

class RNNCellImpl : public Layer {
 public:
  // Keras's state_size: the size of each state tensor (LSTM: [units, units]).
  virtual std::vector<std::int64_t> state_size() const = 0;
  // Keras's output_size; the first state's size unless the cell says otherwise.
  virtual std::int64_t output_size() const { return state_size().at(0); }
  // Each state's shape without the batch: (size) for the dense cells; a convolutional cell's
  // states are feature maps ((rows, cols, filters) for ConvLSTM2D). Known once built.
  virtual std::vector<Shape> state_shapes() const;
  // One step's output shape without the batch: (output_size) unless the cell says otherwise.
  virtual Shape output_shape() const { return Shape({output_size()}); }
  // Which state holds the previous step's output (a masked step repeats it, as Keras's scan
  // takes it): the first, unless the cell says otherwise (stacked cells: the last cell's first).
  virtual std::size_t output_state_index() const { return 0; }
  // Keras's get_initial_state: zeros of (batch_size, state shape...) per state.
  virtual std::vector<Tensor> get_initial_state(std::int64_t batch_size) const;

  // Called by the RNN layer once per sequence, before the first step and after the last.
  // `step_input` is the first step's input (batch, features) and `state` the first state:
  // the built-in cells draw their dropout masks here, once per sequence, as Keras does.
  virtual void begin_sequence(const Tensor& /*step_input*/, const Tensor& /*state*/,
                              bool /*training*/) {}
  virtual void end_sequence() {}
  // The state-independent part of every step: sequences (batch, time, features) ->
  // (batch, time, ...), what `step` receives one time slice of. Default: the inputs.
  virtual Tensor project_inputs(const Tensor& sequences, bool training);
  // The whole time loop in one go, when the cell has a fused op for it: {every step's output
  // time-major (time, batch, ...) in the order computed, the new states...}; empty (the
  // default) when it has none for these inputs, and the layer then calls `step` per time step.
  // The RNN layer asks after begin_sequence, and only for unmasked sequences.
  virtual std::vector<Tensor> run_sequence(const Tensor& /*sequences*/,
                                           const std::vector<Tensor>& /*states*/,
                                           bool /*go_backwards*/, bool /*training*/) {
    return {};
  }
  // One step from a projected input (batch, ...) and the states: {output, new states...}.
  virtual std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                                   bool training) = 0;

  // A standalone call: {inputs (batch, features), states...} -> {output, new states...}.
  void build_list(const std::vector<Shape>& input_shapes) override;
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;

 protected:
  using Layer::Layer;
};

// (batch, shape...): a state or step shape with its batch dimension in front.
Shape batched_shape(std::int64_t batch, const Shape& shape);

}  // namespace keras::layers
