#include "keras/layers/rnn/lstm.hpp"

#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

LSTMImpl::LSTMImpl(std::int64_t units, LSTMOptions options)
    : RNNImpl(std::make_shared<LSTMCellImpl>(
                  units, detail::cell_options<LSTMCellOptions>(options, "lstm_cell")),
              detail::rnn_options(options), "lstm"),
      options_(std::move(options)) {}

ConfigValue LSTMImpl::get_config() const {
  ConfigValue c = RNNImpl::get_config();
  detail::write_cell_arguments(c, units(), options_);
  c["activity_regularizer"] = serialize_regularizer(options_.activity_regularizer);
  return c;
}

std::shared_ptr<Layer> LSTMImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<LSTMImpl>(config, "LSTM");
}

}  // namespace keras::layers
