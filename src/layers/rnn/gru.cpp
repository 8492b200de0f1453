#include "keras/layers/rnn/gru.hpp"

#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

GRUImpl::GRUImpl(std::int64_t units, GRUOptions options)
    : RNNImpl(std::make_shared<GRUCellImpl>(
                  units, detail::cell_options<GRUCellOptions>(options, "gru_cell")),
              detail::rnn_options(options), "gru"),
      options_(std::move(options)) {}

ConfigValue GRUImpl::get_config() const {
  ConfigValue c = RNNImpl::get_config();
  detail::write_cell_arguments(c, units(), options_);
  c["activity_regularizer"] = serialize_regularizer(options_.activity_regularizer);
  return c;
}

std::shared_ptr<Layer> GRUImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<GRUImpl>(config, "GRU");
}

}  // namespace keras::layers
