#include "keras/layers/rnn/simple_rnn_cell.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

SimpleRNNCellImpl::SimpleRNNCellImpl(std::int64_t units, SimpleRNNCellOptions options)
    : DenseRNNCellImpl(units, 1, options, "simple_rnn_cell"), options_(std::move(options)) {}

std::vector<Tensor> SimpleRNNCellImpl::step(const Tensor& projected,
                                            const std::vector<Tensor>& states, bool) {
  const Tensor h = options_.activation(ops::add(
      projected, ops::matmul(dropout_.drop_state(states.at(0)), recurrent_kernel_.value())));
  return {h, h};
}

ConfigValue SimpleRNNCellImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  detail::write_cell_arguments(c, units_, options_);
  return c;
}

std::shared_ptr<Layer> SimpleRNNCellImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<SimpleRNNCellImpl>(config, "SimpleRNNCell");
}

}  // namespace keras::layers
