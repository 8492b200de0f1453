#pragma once
// The base of the recurrent layers (keras.layers.RNN): loops a cell over the time axis of
// (batch, time, features) inputs. The cell's input projection runs once for all the steps
// (one matmul), then each step does the recurrent part. Returns the last output, or every
// step's output with return_sequences; with return_state, a list: {output, final states...}
// (call the layer with a list, `layer({x})`, to get all of them).
//
// A mask on the inputs (from Embedding(mask_zero) or Masking; shape (batch, time)) skips the
// padded steps: they carry the states through and repeat the previous output, as Keras's.
//
// The states start at zero (or where the last call left them, with stateful=True), or at
// Keras's `initial_state`: call the layer with a list, `lstm({x, h0, c0})` (a KerasTensor list
// in a model; its config writes them as Keras's `initial_state` keyword argument).
//
// keras.layers.RNN itself loops any cell: a built-in one, StackedRNNCells, or a cell of your own
// (a subclass of RNNCellImpl: state_size(), build() and step(); register it with
// keras::layers::register_layer to load it from files):
//   auto rnn = layers::RNN(std::make_shared<MyCell>(8), {.return_sequences = true});
#include <memory>
#include <vector>

#include "keras/layers/rnn/rnn_cell.hpp"
#include "keras/layers/rnn/rnn_options.hpp"

namespace keras::layers {

// RNN's own arguments (and the base Layer's), as SimpleRNN, LSTM and GRU take them.
struct RNNOptions {
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class RNNImpl : public Layer {
 public:
  using Positional = std::tuple<std::shared_ptr<Layer>>;  // the cell (KERAS_LAYER)
  using Options = RNNOptions;
  // keras.layers.RNN(cell, ...): `cell` must be a recurrent cell (an RNNCellImpl); Keras's
  // ValueError otherwise.
  explicit RNNImpl(std::shared_ptr<Layer> cell, RNNOptions options = {});
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  std::string class_name() const override { return "RNN"; }

  void build(const Shape& input_shape) override;
  // {sequences, initial states...}: built from the sequences' shape.
  void build_list(const std::vector<Shape>& input_shapes) override;
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  bool returns_several_outputs() const override;
  // The input mask with return_sequences (none otherwise); none for the states.
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& inputs,
                                        const std::vector<Tensor>& previous_masks) override;
  // Keras saves the cell's weights under `<layer>/cell`.
  std::string sublayer_attribute(const Layer& sublayer) const override;
  // {"input_shape": the sequences' shape}, also after a call with initial states.
  ConfigValue get_build_config() const override;
  // The initial states as Keras's keyword argument `initial_state`.
  ConfigValue node_config(const std::vector<ConfigValue>& input_tensors) const override;
  // The layer keys Keras's RNN writes (return_sequences, ..., zero_output_for_mask), and for
  // keras.layers.RNN itself its serialized `cell` (SimpleRNN, LSTM and GRU write the cell's
  // arguments instead).
  ConfigValue get_config() const override;

  // stateful=True: sets the carried states back to zeros (Keras's reset_state).
  void reset_states();
  void reset_state() { reset_states(); }
  // The carried states (stateful=True, once built); empty otherwise.
  const std::vector<Tensor>& states() const { return states_; }
  const std::shared_ptr<RNNCellImpl>& cell() const { return cell_; }
  const RNNOptions& rnn_options() const { return rnn_options_; }
  // Bidirectional forces it to return_sequences on both directions, as Keras.
  void set_zero_output_for_mask(bool value) { rnn_options_.zero_output_for_mask = value; }

 protected:
  RNNImpl(std::shared_ptr<RNNCellImpl> cell, RNNOptions options, std::string default_prefix);

 private:
  std::shared_ptr<RNNCellImpl> cell_;
  RNNOptions rnn_options_;
  bool cell_in_config_ = false;  // keras.layers.RNN: the config holds the serialized cell
  // The given initial states, checked against the cell's state_size and the batch.
  std::vector<Tensor> given_initial_state(const std::vector<Tensor>& inputs) const;
  // The mask split into one (batch, 1) slice per step; empty without a mask.
  std::vector<Tensor> mask_per_step(const Tensor& mask, const Shape& sequences) const;
  std::vector<Tensor> states_;
};

KERAS_LAYER(RNN);

}  // namespace keras::layers
