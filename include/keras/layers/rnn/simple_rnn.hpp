#pragma once
// keras.layers.SimpleRNN: a fully-connected recurrent layer, SimpleRNNCell looped over time
// (keras/layers/rnn/rnn.hpp has what every recurrent layer shares).
#include "keras/layers/rnn/simple_rnn_cell.hpp"
#include "keras/layers/rnn/rnn.hpp"

namespace keras::layers {

struct SimpleRNNOptions {
  activations::Spec activation = "tanh";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class SimpleRNNImpl : public RNNImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = SimpleRNNOptions;
  SimpleRNNImpl(std::int64_t units, SimpleRNNOptions options = {});
  ConfigValue get_config() const override;
  std::string class_name() const override { return "SimpleRNN"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t units() const { return typed_cell().units(); }
  // The cell holds the weights (kernel, recurrent_kernel, bias), as in Keras.
  SimpleRNNCellImpl& typed_cell() const { return static_cast<SimpleRNNCellImpl&>(*cell()); }

 private:
  SimpleRNNOptions options_;
};

KERAS_LAYER(SimpleRNN);

}  // namespace keras::layers
