#pragma once
// keras.layers.ConvLSTM3D: a convolutional LSTM over (batch, time, depth, rows, cols, channels)
// sequences (keras/layers/rnn/conv_lstm.hpp has what the three share).
#include "keras/layers/rnn/conv_lstm.hpp"

namespace keras::layers {

class ConvLSTM3DImpl : public ConvLSTMImpl {
 public:
  using Positional = std::tuple<std::int64_t, IntTuple>;  // filters, kernel_size
  using Options = ConvLSTMOptions;
  ConvLSTM3DImpl(std::int64_t filters, const IntTuple& kernel_size, ConvLSTMOptions options = {})
      : ConvLSTMImpl(3, "ConvLSTM3D", filters, kernel_size, std::move(options)) {}
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return read_config<ConvLSTM3DImpl>(config, "ConvLSTM3D");
  }
};

KERAS_LAYER(ConvLSTM3D);

}  // namespace keras::layers
