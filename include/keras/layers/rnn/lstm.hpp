#pragma once
// keras.layers.LSTM: long short-term memory (Hochreiter 1997), LSTMCell looped over time
// (keras/layers/rnn/rnn.hpp has what every recurrent layer shares).
#include "keras/layers/rnn/lstm_cell.hpp"
#include "keras/layers/rnn/rnn.hpp"

namespace keras::layers {

struct LSTMOptions {
  activations::Spec activation = "tanh";
  activations::Spec recurrent_activation = "sigmoid";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  // Adds 1 to the forget gate's bias at initialization (Jozefowicz et al.).
  bool unit_forget_bias = true;
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class LSTMImpl : public RNNImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = LSTMOptions;
  LSTMImpl(std::int64_t units, LSTMOptions options = {});
  ConfigValue get_config() const override;
  std::string class_name() const override { return "LSTM"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t units() const { return typed_cell().units(); }
  // The cell holds the weights (kernel, recurrent_kernel, bias), as in Keras.
  LSTMCellImpl& typed_cell() const { return static_cast<LSTMCellImpl&>(*cell()); }

 private:
  LSTMOptions options_;
};

KERAS_LAYER(LSTM);

}  // namespace keras::layers
