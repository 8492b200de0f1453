#include "keras/layers/rnn/simple_rnn.hpp"

#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

SimpleRNNImpl::SimpleRNNImpl(std::int64_t units, SimpleRNNOptions options)
    : RNNImpl(std::make_shared<SimpleRNNCellImpl>(
                  units, detail::cell_options<SimpleRNNCellOptions>(options, "simple_rnn_cell")),
              detail::rnn_options(options), "simple_rnn"),
      options_(std::move(options)) {}

ConfigValue SimpleRNNImpl::get_config() const {
  ConfigValue c = RNNImpl::get_config();
  detail::write_cell_arguments(c, units(), options_);
  c["activity_regularizer"] = serialize_regularizer(options_.activity_regularizer);
  return c;
}

std::shared_ptr<Layer> SimpleRNNImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<SimpleRNNImpl>(config, "SimpleRNN");
}

}  // namespace keras::layers
