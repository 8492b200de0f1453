#pragma once
// keras.layers.ConvLSTM2D: a convolutional LSTM over (batch, time, rows, cols, channels)
// sequences (keras/layers/rnn/conv_lstm.hpp has what the three share).
#include "keras/layers/rnn/conv_lstm.hpp"

namespace keras::layers {

class ConvLSTM2DImpl : public ConvLSTMImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvLSTMOptions;
  ConvLSTM2DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvLSTMOptions options = {})
      : ConvLSTMImpl(2, "ConvLSTM2D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return read_config<ConvLSTM2DImpl>(config, "ConvLSTM2D");
  }
};

KERAS_LAYER(ConvLSTM2D);

}  // namespace keras::layers
