#pragma once
// keras.layers.ConvLSTM1D: a convolutional LSTM over (batch, time, steps, channels)
// sequences (keras/layers/rnn/conv_lstm.hpp has what the three share).
#include "keras/layers/rnn/conv_lstm.hpp"

namespace keras::layers {

class ConvLSTM1DImpl : public ConvLSTMImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvLSTMOptions;
  ConvLSTM1DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvLSTMOptions options = {})
      : ConvLSTMImpl(1, "ConvLSTM1D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return read_config<ConvLSTM1DImpl>(config, "ConvLSTM1D");
  }
};

KERAS_LAYER(ConvLSTM1D);

}  // namespace keras::layers
